package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.CreateChannelRequest;
import io.consortia.protocol.v1.GetBlockByHashRequest;
import io.consortia.protocol.v1.GetBlockByNumberRequest;
import io.consortia.protocol.v1.GetTransactionRequest;
import io.consortia.protocol.v1.JoinChannelRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.NodeStatusRequest;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitRequest;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.sdk.Channel;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A fixed-seed fuzz run over gRPC against a real two-node network, fast enough for every build:
 * mutated signed transactions, requests that are not (or barely) protobuf to every method,
 * broken channel configurations from an administrator, and impossible block numbers and
 * identifiers. Nothing may answer UNKNOWN or INTERNAL (or fail the node), nothing refused may
 * change the ledger or the channels, and the network must commit afterwards.
 */
class GrpcFuzzIT {
    private static final long SEED = 16;
    private static final int ROUNDS = 400;
    /** Statuses that mean the node failed rather than refused. */
    private static final Set<Status.Code> FAILURES = Set.of(Status.Code.UNKNOWN, Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED);
    private static final List<MethodDescriptor<?, ?>> METHODS = List.of(
            TransactionServiceGrpc.getSubmitMethod(), TransactionServiceGrpc.getSubmitBatchMethod(),
            TransactionServiceGrpc.getEvaluateMethod(), LedgerServiceGrpc.getGetBlockByNumberMethod(),
            LedgerServiceGrpc.getGetBlockByHashMethod(), LedgerServiceGrpc.getGetTransactionMethod(),
            LedgerServiceGrpc.getGetChainInfoMethod(), LedgerServiceGrpc.getStreamBlocksMethod(),
            AdminServiceGrpc.getCreateChannelMethod(), AdminServiceGrpc.getJoinChannelMethod(),
            AdminServiceGrpc.getStatusMethod(), PeerServiceGrpc.getFetchCheckpointMethod(),
            PeerServiceGrpc.getOrderMethod());

    private final Random random = new Random(SEED);
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void fuzzed_grpc_input_is_refused_cleanly_changes_nothing_and_the_network_still_commits() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(2).channel("main").processes(false).start()) {
            Channel channel = network.gateway(0).channel("main");
            SubmitResult warmUp = channel.contract("notarization").submit("record", hash("warm-up"), "first");
            network.awaitHeight(warmUp.blockNumber() + 1);
            MiniNode node = network.nodes().get(0);
            ChannelConfig config = network.channelConfig();
            ChainInfo before = channel.chainInfo();
            Path channelsDir = node.dataDir().resolve("channels");
            List<String> channelDirs = list(channelsDir);

            // An admin's TLS certificate: admin calls get past authorization and reach validation.
            IssuedCredential adminTls = network.caFor("org1").issueTls(CertificateRole.ADMIN, "fuzz-admin",
                    List.of("127.0.0.1"), Duration.ofDays(1));
            ManagedChannel raw = NettyChannelBuilder.forAddress("127.0.0.1", node.apiPort())
                    .sslContext(GrpcSslContexts.forClient().keyManager(adminTls.privateKey(), adminTls.certificate())
                            .trustManager(network.tlsRoots().toArray(X509Certificate[]::new)).build())
                    .build();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    switch (random.nextInt(5)) {
                        case 0 -> submitMutated(raw, channel);
                        case 1 -> sendBytes(raw, METHODS.get(random.nextInt(METHODS.size())), randomBytes(64));
                        case 2 -> sendBytes(raw, METHODS.get(random.nextInt(METHODS.size())),
                                mutate(validRequest(channel, config)));
                        case 3 -> createBroken(raw, config);
                        default -> readImpossible(raw);
                    }
                }
            } finally {
                raw.shutdownNow();
            }
            System.out.println("GrpcFuzzIT outcomes (seed " + SEED + ", " + ROUNDS + " rounds): " + outcomes);

            for (MiniNode n : network.nodes()) {
                ChainInfo now = network.gateway(n, n.organization()).channel("main").chainInfo();
                assertThat(now).as("ledger of %s after the fuzz run", n.nodeId()).isEqualTo(before);
            }
            assertThat(list(channelsDir)).isEqualTo(channelDirs);
            assertThat(network.admin(node).status().getChannelsList()).extracting(c -> c.getName())
                    .containsExactly("main");
            SubmitResult after = channel.contract("notarization").submit("record", hash("after-fuzz"), "still here");
            assertThat(after.blockNumber()).isEqualTo(before.getHeight());
            network.awaitHeight(after.blockNumber() + 1);
        }
    }

    /** A signed transaction changed after signing: never valid, never a failure. */
    private void submitMutated(ManagedChannel raw, Channel channel) {
        Transaction tx = channel.newTransaction("notarization", "record", hash("fuzz-" + random.nextLong()), "x");
        Transaction mutated = switch (random.nextInt(6)) {
            case 0 -> tx.toBuilder().setPayload(ByteString.copyFrom(mutate(tx.getPayload().toByteArray()))).build();
            case 1 -> tx.toBuilder().setSignature(ByteString.copyFrom(mutate(tx.getSignature().toByteArray()))).build();
            case 2 -> tx.toBuilder().setPayload(ByteString.copyFrom(randomBytes(300))).build();
            case 3 -> tx.toBuilder().setSignature(ByteString.EMPTY).build();
            case 4 -> tx.toBuilder().setPayload(tx.getPayload().concat(ByteString.copyFrom(randomBytes(40)))).build();
            default -> tx.toBuilder().setPayload(tx.getPayload().substring(0, random.nextInt(tx.getPayload().size())))
                    .build();
        };
        call("Submit(mutated)", () -> {
            SubmitResponse response = TransactionServiceGrpc.newBlockingStub(raw).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .submit(SubmitRequest.newBuilder().setTransaction(mutated).setWaitForCommit(true).build());
            assertThat(response.getStatus()).as("a mutated transaction: %s", response).isEqualTo(TransactionStatus.REJECTED);
            return response.getCode().name();
        });
    }

    /** The bytes of a valid request of some method, to be mutated. */
    private byte[] validRequest(Channel channel, ChannelConfig config) {
        return switch (random.nextInt(6)) {
            case 0 -> SubmitBatchRequest.newBuilder().addTransactions(channel.newTransaction("notarization", "record",
                    hash("b" + random.nextLong()), "x")).build().toByteArray();
            case 1 -> StreamBlocksRequest.newBuilder().setChannel("main").setFromNumber(random.nextLong()).build()
                    .toByteArray();
            case 2 -> GetBlockByNumberRequest.newBuilder().setChannel("main").setNumber(random.nextLong()).build()
                    .toByteArray();
            // without peers too: flipping bits cannot turn it into a valid configuration of a new channel
            case 3 -> CreateChannelRequest.newBuilder().setConfig(broken(config).toBuilder().clearPeers()).build()
                    .toByteArray();
            case 4 -> JoinChannelRequest.newBuilder().setConfig(broken(config).toBuilder().clearPeers()).build()
                    .toByteArray();
            default -> GetTransactionRequest.newBuilder().setChannel("main").setTransactionId("ab".repeat(32)).build()
                    .toByteArray();
        };
    }

    /** A configuration that is wrong in one way (so a mutation of it cannot be a new valid channel). */
    private ChannelConfig broken(ChannelConfig config) {
        ChannelConfig.Builder b = config.toBuilder().setName("fuzz-" + random.nextInt(1000));
        Organization org = config.getOrganizations(0);
        switch (random.nextInt(7)) {
            case 0 -> b.setOrganizations(0, org.toBuilder().setRootCertificatesPem(
                    "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getEncoder().encodeToString(randomBytes(120))
                            + "\n-----END CERTIFICATE-----\n"));
            case 1 -> b.setPeers(0, b.getPeers(0).toBuilder().setApiAddress("127.0.0.1:" + (65536 + random.nextInt(99999))));
            case 2 -> b.setCreatedMillis(-1 - random.nextInt(1_000_000));
            case 3 -> b.setName("Bad Name " + random.nextInt());
            case 4 -> b.addOrganizations(org);
            case 5 -> b.setPeers(0, b.getPeers(0).toBuilder().setRaftAddress("x".repeat(random.nextInt(5000))));
            default -> b.clearPeers();
        }
        return b.build();
    }

    private void createBroken(ManagedChannel raw, ChannelConfig config) {
        ChannelConfig bad = broken(config);
        call("CreateChannel(broken)", () -> {
            AdminServiceGrpc.newBlockingStub(raw).createChannel(CreateChannelRequest.newBuilder().setConfig(bad).build());
            throw new AssertionError("a broken configuration was accepted: " + bad);
        });
    }

    private void readImpossible(ManagedChannel raw) {
        LedgerServiceGrpc.LedgerServiceBlockingStub ledger = LedgerServiceGrpc.newBlockingStub(raw)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        long number = random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(1000) : -1L - random.nextInt(1000);
        switch (random.nextInt(5)) {
            case 0 -> call("StreamBlocks(>=2^63)", () -> {
                ledger.streamBlocks(StreamBlocksRequest.newBuilder().setChannel("main").setFromNumber(number).build())
                        .hasNext();
                throw new AssertionError("a stream from " + Long.toUnsignedString(number) + " sent a block");
            });
            case 1 -> call("GetBlockByNumber(>=2^63)", () -> ledger.getBlockByNumber(GetBlockByNumberRequest
                    .newBuilder().setChannel("main").setNumber(number).build()).toString());
            case 2 -> call("GetTransaction(long id)", () -> ledger.getTransaction(GetTransactionRequest.newBuilder()
                    .setChannel("main").setTransactionId(randomText(1 + random.nextInt(200_000))).build()).toString());
            case 3 -> call("GetBlockByHash(random)", () -> ledger.getBlockByHash(GetBlockByHashRequest.newBuilder()
                    .setChannel("main").setHash(ByteString.copyFrom(randomBytes(200))).build()).toString());
            default -> call("GetChainInfo(long channel)", () -> ledger.getChainInfo(ChainInfoRequest.newBuilder()
                    .setChannel(randomText(1 + random.nextInt(100_000))).build()).toString());
        }
    }

    private void sendBytes(ManagedChannel raw, MethodDescriptor<?, ?> target, byte[] bytes) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(target.getType()).setFullMethodName(target.getFullMethodName())
                .setRequestMarshaller(new RawBytes()).setResponseMarshaller(new RawBytes()).build();
        // a stream that parsed into a real request waits for blocks: a short deadline ends it
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(
                target.getType() == MethodDescriptor.MethodType.UNARY ? 30 : 1, TimeUnit.SECONDS);
        call(target.getBareMethodName() + "(bytes)", () -> {
            if (target.getType() == MethodDescriptor.MethodType.UNARY) {
                ClientCalls.blockingUnaryCall(raw, method, options, bytes);
            } else {
                var it = ClientCalls.blockingServerStreamingCall(raw, method, options, bytes);
                while (it.hasNext()) {
                    it.next();
                }
            }
            return "OK";
        });
    }

    private void call(String what, Supplier<String> body) {
        String outcome;
        try {
            outcome = body.get();
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            assertThat(FAILURES).as("%s answered %s: %s", what, status.getCode(), status.getDescription())
                    .doesNotContain(status.getCode());
            if (status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
                assertThat(status.getDescription()).as("%s answered %s", what, status.getCode()).isNotBlank()
                        .hasSizeLessThanOrEqualTo(1024);
            }
            outcome = status.getCode().name();
        }
        outcomes.merge(what + "=" + outcome, 1, Integer::sum);
    }

    private byte[] mutate(byte[] bytes) {
        byte[] out = bytes.clone();
        if (out.length == 0) {
            return randomBytes(8);
        }
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] randomBytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return b.toString();
    }

    private static String hash(String text) {
        return Hashes.hex(Hashes.sha256().digest(text.getBytes()));
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
