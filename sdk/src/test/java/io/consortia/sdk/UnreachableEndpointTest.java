package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node the SDK cannot reach is named in the error, with the likely cause: gRPC alone says
 * "UNAVAILABLE: io exception" for a wrong port and for a plaintext client against a TLS node.
 */
class UnreachableEndpointTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Identity USER = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_port_nobody_listens_on_is_named_with_the_refusal() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", port).plaintext().identity(USER).connect()) {
            assertThatThrownBy(() -> gateway.channel(FakeNode.CHANNEL).chainInfo())
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.status()).get()
                                    .extracting(Status::getCode).isEqualTo(Status.Code.UNAVAILABLE))
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("Connection refused")
                    .hasMessageContaining("check the host and the node's API port");
        }
    }

    @Test
    void a_plaintext_client_of_a_tls_node_is_told_to_check_its_tls_settings() throws Exception {
        startTlsNode();
        try (Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", server.getPort()).plaintext()
                .identity(USER).connect()) {
            assertThatThrownBy(() -> gateway.channel(FakeNode.CHANNEL).chainInfo())
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("127.0.0.1:" + server.getPort())
                    .hasMessageContaining("TLS");
        }
    }

    @Test
    void a_tls_client_of_a_plaintext_node_is_told_the_handshake_failed() throws Exception {
        FakeLedgerService ledger = new FakeLedgerService(SignatureScheme.ECDSA_P256_SHA256.hash(), FakeNode.CHANNEL);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ledger).build().start();
        CertificateAuthority org = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, DAY);
        IssuedCredential client = org.issueTls("user@org1", List.of("localhost"), DAY);
        try (Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", server.getPort())
                .tls(List.of(org.tlsRoot()), client.certificate(), client.privateKey()).identity(USER).connect()) {
            assertThatThrownBy(() -> gateway.channel(FakeNode.CHANNEL).chainInfo())
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("127.0.0.1:" + server.getPort())
                    .hasMessageContaining("the TLS handshake failed");
        }
    }

    private void startTlsNode() throws Exception {
        CertificateAuthority org = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, DAY);
        IssuedCredential tls = org.issueTls("org1-node0", List.of("127.0.0.1", "localhost"), DAY);
        FakeLedgerService ledger = new FakeLedgerService(SignatureScheme.ECDSA_P256_SHA256.hash(), FakeNode.CHANNEL);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(tls.privateKey(), tls.certificate()))
                        .trustManager(org.tlsRoot()).clientAuth(ClientAuth.REQUIRE).build())
                .addService(ledger)
                .build()
                .start();
    }
}
