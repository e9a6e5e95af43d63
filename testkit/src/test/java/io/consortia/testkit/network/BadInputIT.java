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
    void a_replayed_transaction_is_rejected_with_DUPLICATE_TRANSACTION_ID() {
        Transaction tx = channel.newTransaction("notarization", "record", hash("replay"), "x");
        assertThat(submitRaw(tx).getCode()).isEqualTo(ValidationCode.VALID);
        before = channel.chainInfo();
        SubmitResponse replay = submitRaw(tx);
        assertThat(replay.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(replay.getCode()).isEqualTo(ValidationCode.DUPLICATE_TRANSACTION_ID);
        // the same transaction through another node is refused as well
        SubmitResponse elsewhere = network.gateway(1).channel("main").submitAll(List.of(tx), true).get(0);
        assertThat(elsewhere.getCode()).isEqualTo(ValidationCode.DUPLICATE_TRANSACTION_ID);
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

    @Test
    void a_request_that_is_not_protobuf_gets_a_grpc_error_with_a_description() throws Exception {
        MiniNode node = network.nodes().get(0);
        IssuedCredential tls = network.caFor("org1").issueTls("client", List.of("127.0.0.1"), Duration.ofDays(1));
        ManagedChannel raw = NettyChannelBuilder.forAddress("127.0.0.1", node.apiPort())
                .sslContext(GrpcSslContexts.forClient().keyManager(tls.privateKey(), tls.certificate())
                        .trustManager(network.tlsRoots().toArray(X509Certificate[]::new)).build())
                .build();
        try {
            MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(TransactionServiceGrpc.getSubmitMethod().getFullMethodName())
                    .setRequestMarshaller(new RawBytes()).setResponseMarshaller(new RawBytes()).build();
            assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(raw, method, CallOptions.DEFAULT,
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getDescription()).isNotBlank());
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

    private static ManagedChannel rawChannel(MiniNode node) throws IOException {
        IssuedCredential tls = network.caFor("org1").issueTls("client", List.of("127.0.0.1"), Duration.ofDays(1));
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
