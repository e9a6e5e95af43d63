package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.OrderRequest;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.consortia.sdk.SubmitException;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets its own validation code or gRPC status with a reason, and leaves
 * the ledger exactly as it was (same height, same current hash, same transaction count).
 */
class BadInputIT {
    private static MiniNetwork network;
    private static Gateway gateway;
    private static Channel channel;
    private ChainInfo before;

    @BeforeAll
    static void start() {
        network = MiniNetwork.builder().organizations(2).channel("main").processes(false).start();
        gateway = network.gateway(0);
        channel = gateway.channel("main");
        channel.contract("notarization").submit("record", hash("warm-up"), "first");
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    @BeforeEach
    void recordLedger() {
        before = channel.chainInfo();
    }

    @AfterEach
    void ledgerIsUnchanged() {
        // A valid transaction after the bad one proves the node still orders; then only it was added.
        channel.contract("notarization").submit("record", hash("canary-" + System.nanoTime()), "canary");
        ChainInfo after = channel.chainInfo();
        assertThat(after.getTransactionCount()).isEqualTo(before.getTransactionCount() + 1);
        assertThat(after.getHeight()).isEqualTo(before.getHeight() + 1);
        network.awaitHeight(after.getHeight());
    }

    private static String hash(String text) {
        return Hashes.hex(Hashes.sha256().digest(text.getBytes()));
    }

    private static SubmitResponse submitRaw(Transaction tx) {
        return channel.submitAll(List.of(tx), true).get(0);
    }

    @Test
    void a_wrong_signature_is_rejected_with_BAD_SIGNATURE() {
        Transaction tx = channel.newTransaction("notarization", "record", hash("bad-sig"), "x");
        byte[] sig = tx.getSignature().toByteArray();
        sig[sig.length - 1] ^= 0x01;
        SubmitResponse response = submitRaw(tx.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
        assertThat(response.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(response.getCode()).isEqualTo(ValidationCode.BAD_SIGNATURE);
        assertThat(response.getReason()).isNotBlank();
    }

    @Test
    void a_creator_from_an_organisation_outside_the_channel_is_rejected_with_UNKNOWN_ORGANIZATION() {
        CertificateAuthority foreign = CertificateAuthority.create("org9", SignatureScheme.ECDSA_P256_SHA256,
                Duration.ofDays(30));
        IssuedCredential user = foreign.issue(CertificateRole.USER, "mallory", Duration.ofDays(1));
        try (Gateway outsider = foreignGateway(Identity.of("org9", user.certificate(), user.privateKey()))) {
            assertThatThrownBy(() -> outsider.channel("main").contract("notarization")
                    .submit("record", hash("foreign"), "x"))
                    .isInstanceOfSatisfying(SubmitException.class,
                            e -> assertThat(e.code()).isEqualTo(ValidationCode.UNKNOWN_ORGANIZATION));
        }
    }

    @Test
    void a_certificate_not_issued_by_the_claimed_organisation_is_rejected_with_BAD_CERTIFICATE() {
        CertificateAuthority impostor = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256,
                Duration.ofDays(30));
        IssuedCredential user = impostor.issue(CertificateRole.USER, "impostor", Duration.ofDays(1));
        try (Gateway outsider = foreignGateway(Identity.of("org1", user.certificate(), user.privateKey()))) {
            assertThatThrownBy(() -> outsider.channel("main").contract("notarization")
                    .submit("record", hash("impostor"), "x"))
                    .isInstanceOfSatisfying(SubmitException.class,
                            e -> assertThat(e.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE));
        }
    }

    private static Gateway foreignGateway(Identity identity) {
        MiniNode node = network.nodes().get(0);
        IssuedCredential tls = network.caFor("org1").issueTls("client", List.of("127.0.0.1"), Duration.ofDays(1));
        return Gateway.newInstance().endpoint("127.0.0.1", node.apiPort()).identity(identity)
                .tls(network.tlsRoots(), tls.certificate(), tls.privateKey()).connect();
    }

    @Test
    void a_replayed_transaction_is_rejected_with_DUPLICATE_TRANSACTION_ID() throws Exception {
        Transaction tx = channel.newTransaction("notarization", "record", hash("replay"), "x");
        SubmitResponse first = submitRaw(tx);
        assertThat(first.getCode()).isEqualTo(ValidationCode.VALID);
        before = channel.chainInfo();
        // the nodes refuse it, asked directly (the SDK would answer the first copy's outcome instead)
        SubmitResponse replay = submitDirectly(network.nodes().get(0), tx);
        assertThat(replay.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(replay.getCode()).isEqualTo(ValidationCode.DUPLICATE_TRANSACTION_ID);
        // the same transaction through another node is refused as well, once that node holds the first
        // copy (before, it would order it again, to be left out of the block as already ordered)
        network.awaitHeight(before.getHeight());
        assertThat(submitDirectly(network.nodes().get(1), tx).getCode())
                .isEqualTo(ValidationCode.DUPLICATE_TRANSACTION_ID);
        // through the SDK, a duplicate is this very transaction admitted already: its outcome, recorded once
        SubmitResponse elsewhere = network.gateway(1).channel("main").submitAll(List.of(tx), true).get(0);
        assertThat(elsewhere.getStatus()).isEqualTo(TransactionStatus.COMMITTED);
        assertThat(elsewhere.getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(elsewhere.getBlockNumber()).isEqualTo(first.getBlockNumber());
        assertThat(channel.chainInfo().getTransactionCount()).isEqualTo(before.getTransactionCount());
    }

    /** TransactionService.Submit on one node, without the SDK's handling of its answer. */
    private static SubmitResponse submitDirectly(MiniNode node, Transaction tx) throws IOException {
        ManagedChannel raw = rawChannel(node, network.caFor("org1").issueTls("client", List.of("127.0.0.1"),
                Duration.ofDays(1)));
        try {
            return io.consortia.protocol.v1.TransactionServiceGrpc.newBlockingStub(raw)
                    .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                    .submit(io.consortia.protocol.v1.SubmitRequest.newBuilder().setTransaction(tx)
                            .setWaitForCommit(true).build());
        } finally {
            raw.shutdownNow();
        }
    }

    @Test
    void an_oversized_payload_is_rejected_with_PAYLOAD_TOO_LARGE() {
        byte[] big = new byte[1_200_000];
        Transaction tx = channel.newTransaction("notarization", "record", hash("big").getBytes(), big);
        SubmitResponse response = submitRaw(tx);
        assertThat(response.getCode()).isEqualTo(ValidationCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void a_payload_that_is_not_protobuf_is_rejected_with_MALFORMED() {
        Transaction tx = Transaction.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x13, 0x07}))
                .setSignature(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
        SubmitResponse response = submitRaw(tx);
        assertThat(response.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(response.getCode()).isEqualTo(ValidationCode.MALFORMED);
    }

    /**
     * gRPC itself answered a request that does not parse with UNKNOWN and logged a SEVERE stack
     * trace for each; now it is INVALID_ARGUMENT, gRPC logs nothing, and the node logs one line
     * (without a stack trace) for many such requests.
     */
    @Test
    void a_request_that_is_not_protobuf_is_INVALID_ARGUMENT_and_logged_as_one_line() throws Exception {
        MiniNode node = network.nodes().get(0);
        ManagedChannel raw = rawChannel(node, network.caFor("org1").issueTls("client", List.of("127.0.0.1"),
                Duration.ofDays(1)));
        List<java.util.logging.LogRecord> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler grpcLog = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    severe.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger grpc = java.util.logging.Logger.getLogger("io.grpc");
        grpc.addHandler(grpcLog);
        ch.qos.logback.classic.Logger nodeLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.consortia.node.api.RequestParsing");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        nodeLog.addAppender(lines);
        int requests = 30;
        try {
            for (int i = 0; i < requests; i++) {
                MethodDescriptor<?, ?> target = i % 3 == 0 ? TransactionServiceGrpc.getSubmitMethod()
                        : i % 3 == 1 ? io.consortia.protocol.v1.AdminServiceGrpc.getCreateChannelMethod()
                        : io.consortia.protocol.v1.LedgerServiceGrpc.getStreamBlocksMethod();
                MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(target.getType())
                        .setFullMethodName(target.getFullMethodName())
                        .setRequestMarshaller(new RawBytes()).setResponseMarshaller(new RawBytes()).build();
                byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
                assertThatThrownBy(() -> {
                    if (target.getType() == MethodDescriptor.MethodType.UNARY) {
                        ClientCalls.blockingUnaryCall(raw, method, CallOptions.DEFAULT, garbage);
                    } else {
                        ClientCalls.blockingServerStreamingCall(raw, method,
                                CallOptions.DEFAULT.withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS),
                                garbage).hasNext();
                    }
                }).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("is not a valid")
                            .contains(target.getBareMethodName());
                });
            }
        } finally {
            grpc.removeHandler(grpcLog);
            nodeLog.detachAppender(lines);
            raw.shutdownNow();
        }
        assertThat(severe).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
        assertThat(lines.list).isNotEmpty().hasSizeLessThan(requests).allSatisfy(line -> {
            assertThat(line.getThrowableProxy()).isNull();
            assertThat(line.getFormattedMessage()).doesNotContain("\n").contains("unparsable request");
        });
    }

    /** Numbers are unsigned on the wire: 2^63 and more are no block at all, never a spin and never block 0. */
    @Test
    void block_numbers_beyond_any_possible_height_are_INVALID_ARGUMENT() throws Exception {
        MiniNode node = network.nodes().get(0);
        ManagedChannel raw = rawChannel(node, network.caFor("org1").issueTls("client", List.of("127.0.0.1"),
                Duration.ofDays(1)));
        try {
            var ledger = io.consortia.protocol.v1.LedgerServiceGrpc.newBlockingStub(raw)
                    .withDeadlineAfter(60, java.util.concurrent.TimeUnit.SECONDS);
            for (long number : new long[] {-1L /* 2^64-1 */, Long.MIN_VALUE /* 2^63 */}) {
                assertThatThrownBy(() -> ledger.streamBlocks(io.consortia.protocol.v1.StreamBlocksRequest.newBuilder()
                        .setChannel("main").setFromNumber(number).build()).hasNext())
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription()).contains(Long.toUnsignedString(number));
                        });
                assertThatThrownBy(() -> ledger.getBlockByNumber(io.consortia.protocol.v1.GetBlockByNumberRequest
                        .newBuilder().setChannel("main").setNumber(number).build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                                .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT));
            }
            // a number beyond the height is a block of the future: the stream waits for it, sending nothing
            var future = ledger.withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS)
                    .streamBlocks(io.consortia.protocol.v1.StreamBlocksRequest.newBuilder()
                            .setChannel("main").setFromNumber(Long.MAX_VALUE).build());
            assertThatThrownBy(future::hasNext).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.DEADLINE_EXCEEDED));
        } finally {
            raw.shutdownNow();
        }
    }

    /** Oversized identifiers are refused up front, and nothing echoes them at length. */
    @Test
    void oversized_identifiers_are_refused_without_echoing_them() throws Exception {
        String huge = "x".repeat(1 << 20);
        MiniNode node = network.nodes().get(0);
        ManagedChannel raw = rawChannel(node, network.caFor("org1").issueTls("client", List.of("127.0.0.1"),
                Duration.ofDays(1)));
        try {
            var ledger = io.consortia.protocol.v1.LedgerServiceGrpc.newBlockingStub(raw);
            assertThatThrownBy(() -> ledger.getTransaction(io.consortia.protocol.v1.GetTransactionRequest.newBuilder()
                    .setChannel("main").setTransactionId(huge).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("transaction id").hasSizeLessThan(1024);
                    });
            assertThatThrownBy(() -> ledger.getChainInfo(io.consortia.protocol.v1.ChainInfoRequest.newBuilder()
                    .setChannel(huge).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("channel name").hasSizeLessThan(1024);
                    });
        } finally {
            raw.shutdownNow();
        }
        Transaction longContract = channel.newTransaction("c".repeat(100_000), "record", hash("long"), "x");
        SubmitResponse response = submitRaw(longContract);
        assertThat(response.getCode()).isEqualTo(ValidationCode.MALFORMED);
        assertThat(response.getReason()).contains("at most 64").hasSizeLessThan(1024);
    }

    @Test
    void a_transaction_without_a_nonce_is_rejected_with_MALFORMED() {
        Identity me = network.identity("org1");
        TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main")
                .setCreator(Creator.newBuilder().setOrganization("org1")
                        .setCertificate(ByteString.copyFrom(encoded(me.certificate()))))
                .setTimestampMillis(System.currentTimeMillis())
                .setContract("notarization").setFunction("record")
                .addArgs(ByteString.copyFromUtf8(hash("no-nonce"))).build();
        byte[] bytes = payload.toByteArray();
        Transaction tx = Transaction.newBuilder().setPayload(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(me.signer().sign(bytes))).build();
        SubmitResponse response = submitRaw(tx);
        assertThat(response.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(response.getCode()).isEqualTo(ValidationCode.MALFORMED);
        assertThat(response.getReason()).contains("no nonce");
    }

    /**
     * For an ECDSA organisation the TLS root is the identity root, so a user's signing
     * certificate passes the TLS handshake as a client certificate; it must not administer the
     * node. Nor may a TLS certificate that names no role or the user role, nor an admin
     * certificate make peer calls.
     */
    @Test
    void only_admin_certificates_administer_and_only_node_certificates_make_peer_calls() throws Exception {
        MiniNode node = network.nodes().get(0);
        CertificateAuthority ca = network.caFor("org1");
        IssuedCredential userSigning = ca.issue(CertificateRole.USER, "user-as-tls", Duration.ofDays(1));
        List<IssuedCredential> notAdmins = List.of(userSigning,
                ca.issueTls("no-role", List.of("127.0.0.1"), Duration.ofDays(1)),
                ca.issueTls(CertificateRole.USER, "user-tls", List.of("127.0.0.1"), Duration.ofDays(1)),
                ca.issueTls(CertificateRole.NODE, "node-tls", List.of("127.0.0.1"), Duration.ofDays(1)));
        io.consortia.protocol.v1.ChannelConfig other = network.channelConfig().toBuilder().setName("stolen").build();
        for (IssuedCredential tls : notAdmins) {
            ManagedChannel raw = rawChannel(node, tls);
            try {
                var admin = io.consortia.protocol.v1.AdminServiceGrpc.newBlockingStub(raw);
                assertThatThrownBy(() -> admin.createChannel(io.consortia.protocol.v1.CreateChannelRequest.newBuilder()
                        .setConfig(other).build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
                            assertThat(e.getStatus().getDescription()).contains("role admin");
                        });
                assertThatThrownBy(() -> admin.status(io.consortia.protocol.v1.NodeStatusRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                                .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED));
            } finally {
                raw.shutdownNow();
            }
        }
        assertThat(node.dataDir().resolve("channels").resolve("stolen")).doesNotExist();
        assertThat(network.admin(node).status().getChannelsList()).extracting(c -> c.getName()).containsExactly("main");

        IssuedCredential adminTls = ca.issueTls(CertificateRole.ADMIN, "admin-tls", List.of("127.0.0.1"),
                Duration.ofDays(1));
        ManagedChannel raw = rawChannel(node, adminTls);
        try {
            Transaction tx = channel.newTransaction("notarization", "record", hash("admin-hands-over"), "x");
            assertThatThrownBy(() -> PeerServiceGrpc.newBlockingStub(raw).order(OrderRequest.newBuilder()
                    .setChannel("main").addTransactions(tx).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription()).contains("role node");
                    });
            assertThat(io.consortia.protocol.v1.AdminServiceGrpc.newBlockingStub(raw)
                    .status(io.consortia.protocol.v1.NodeStatusRequest.getDefaultInstance()).getNodeId())
                    .isEqualTo(node.nodeId());
        } finally {
            raw.shutdownNow();
        }
    }

    /** Nodes hand their batches to the leader; a node that is not the leader refuses, orders nothing. */
    @Test
    void handing_transactions_to_a_node_that_is_not_the_leader_fails_with_FAILED_PRECONDITION() throws Exception {
        Transaction tx = channel.newTransaction("notarization", "record", hash("handed-to-follower"), "x");
        MiniNode follower = network.nodes().stream()
                .filter(n -> !n.nodeId().equals(network.admin(n).status().getChannels(0).getRaftLeader()))
                .findFirst().orElseThrow();
        ManagedChannel raw = rawChannel(follower);
        try {
            assertThatThrownBy(() -> PeerServiceGrpc.newBlockingStub(raw).order(OrderRequest.newBuilder()
                    .setChannel("main").addTransactions(tx).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).contains("not the leader");
                    });
        } finally {
            raw.shutdownNow();
        }
    }

    /** A connection whose TLS client certificate is a node's (the role peer calls need). */
    private static ManagedChannel rawChannel(MiniNode node) throws IOException {
        return rawChannel(node, network.caFor("org1").issueTls(CertificateRole.NODE, "peer", List.of("127.0.0.1"),
                Duration.ofDays(1)));
    }

    private static ManagedChannel rawChannel(MiniNode node, IssuedCredential tls) throws IOException {
        return NettyChannelBuilder.forAddress("127.0.0.1", node.apiPort())
                .sslContext(GrpcSslContexts.forClient().keyManager(tls.privateKey(), tls.certificate())
                        .trustManager(network.tlsRoots().toArray(X509Certificate[]::new)).build())
                .build();
    }

    @Test
    void an_unknown_channel_is_rejected_with_UNKNOWN_CHANNEL() {
        assertThatThrownBy(() -> gateway.channel("nope").contract("notarization").submit("record", hash("c"), "x"))
                .isInstanceOfSatisfying(SubmitException.class,
                        e -> assertThat(e.code()).isEqualTo(ValidationCode.UNKNOWN_CHANNEL));
    }

    @Test
    void an_unknown_contract_is_rejected_with_UNKNOWN_CONTRACT() {
        assertThatThrownBy(() -> channel.contract("no-such-contract").submit("record", hash("c"), "x"))
                .isInstanceOfSatisfying(SubmitException.class,
                        e -> assertThat(e.code()).isEqualTo(ValidationCode.UNKNOWN_CONTRACT));
    }

    @Test
    void an_unknown_function_is_rejected_with_UNKNOWN_FUNCTION() {
        assertThatThrownBy(() -> channel.contract("notarization").submit("erase", hash("c")))
                .isInstanceOfSatisfying(SubmitException.class,
                        e -> assertThat(e.code()).isEqualTo(ValidationCode.UNKNOWN_FUNCTION));
    }

    @Test
    void a_timestamp_outside_the_window_is_rejected_with_TIMESTAMP_OUT_OF_WINDOW() {
        Identity me = network.identity("org1");
        TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main")
                .setCreator(Creator.newBuilder().setOrganization("org1")
                        .setCertificate(ByteString.copyFrom(encoded(me.certificate()))))
                .setNonce(ByteString.copyFromUtf8("n-" + System.nanoTime()))
                .setTimestampMillis(System.currentTimeMillis() - Duration.ofHours(2).toMillis())
                .setContract("notarization").setFunction("record")
                .addArgs(ByteString.copyFromUtf8(hash("old"))).build();
        byte[] bytes = payload.toByteArray();
        Transaction tx = Transaction.newBuilder().setPayload(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(me.signer().sign(bytes))).build();
        assertThat(submitRaw(tx).getCode()).isEqualTo(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
    }

    @Test
    void a_contract_refusal_is_committed_as_CONTRACT_REJECTED_without_changing_state() {
        String doc = hash("once");
        channel.contract("notarization").submit("record", doc, "first");
        before = channel.chainInfo();
        byte[] original = channel.contract("notarization").evaluate("get", doc);
        assertThatThrownBy(() -> channel.contract("notarization").submit("record", doc, "second"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("already notarized");
        assertThat(channel.contract("notarization").evaluate("get", doc)).isEqualTo(original);
        // a refused transaction is still recorded in a block: the canary adds one more
        before = before.toBuilder().setTransactionCount(before.getTransactionCount() + 1)
                .setHeight(before.getHeight() + 1).build();
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
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
