package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.CreateChannelRequest;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.protocol.v1.NodeStatusRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Mutual TLS over a real Netty server on loopback, with a fake admin service. */
class TlsAdminClientTest {
    private static final Duration DAY = Duration.ofDays(1);

    private Server server;
    private CertificateAuthority nodeOrg;

    @BeforeEach
    void startServer() throws Exception {
        startServer(SignatureScheme.ECDSA_P256_SHA256);
    }

    private void startServer(SignatureScheme scheme) throws Exception {
        if (server != null) {
            stopServer();
        }
        nodeOrg = CertificateAuthority.create("org1", scheme, DAY);
        IssuedCredential serverTls = nodeOrg.issueTls("org1-node0", List.of("127.0.0.1", "localhost"), DAY);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(serverTls.privateKey(), serverTls.certificate()))
                        .trustManager(nodeOrg.tlsRoot())
                        .clientAuth(ClientAuth.REQUIRE)
                        .build())
                .addService(new FakeAdminService())
                .build()
                .start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server = null;
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void an_admin_client_with_a_client_certificate_of_the_organisation_gets_the_status(SignatureScheme scheme)
            throws Exception {
        startServer(scheme);
        IssuedCredential client = nodeOrg.issueTls("admin@org1", List.of("localhost"), DAY);
        try (AdminClient admin = AdminClient.newInstance()
                .endpoint("127.0.0.1", server.getPort())
                .tls(List.of(nodeOrg.tlsRoot()), client.certificate(), client.privateKey())
                .connect()) {

            assertThat(admin.status().getNodeId()).isEqualTo("org1-node0");
            assertThat(admin.createChannel(ChannelConfig.newBuilder().setName("main").build()).getChannel())
                    .isEqualTo("main");
        }
    }

    @Test
    void a_client_certificate_from_an_untrusted_ca_fails_with_a_GatewayException() {
        CertificateAuthority stranger = CertificateAuthority.create("org9", SignatureScheme.ECDSA_P256_SHA256, DAY);
        IssuedCredential client = stranger.issueTls("admin@org9", List.of("localhost"), DAY);
        try (AdminClient admin = AdminClient.newInstance()
                .endpoint("127.0.0.1", server.getPort())
                .tls(List.of(nodeOrg.tlsRoot()), client.certificate(), client.privateKey())
                .timeout(Duration.ofSeconds(5))
                .connect()) {

            assertThatThrownBy(admin::status).isInstanceOf(GatewayException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).status()).isPresent());
        }
    }

    @Test
    void a_gateway_over_tls_reaches_the_node() {
        IssuedCredential client = nodeOrg.issueTls("user@org1", List.of("localhost"), DAY);
        IssuedCredential user = nodeOrg.issue(CertificateRole.USER, "user1", DAY);
        try (Gateway gateway = Gateway.newInstance()
                .endpoint("127.0.0.1", server.getPort())
                .identity(Identity.of("org1", user.certificate(), user.privateKey()))
                .tls(List.of(nodeOrg.tlsRoot()), client.certificate(), client.privateKey())
                .connect()) {
            // the fake node has no ledger service: reaching it proves the TLS handshake worked
            assertThatThrownBy(() -> gateway.channel("main").chainInfo())
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).get()
                            .extracting(s -> s.getCode()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED));
        }
    }

    private static final class FakeAdminService extends AdminServiceGrpc.AdminServiceImplBase {
        @Override
        public void status(NodeStatusRequest request, StreamObserver<NodeStatus> response) {
            response.onNext(NodeStatus.newBuilder().setNodeId("org1-node0").setOrganization("org1").build());
            response.onCompleted();
        }

        @Override
        public void createChannel(CreateChannelRequest request, StreamObserver<ChannelResponse> response) {
            response.onNext(ChannelResponse.newBuilder().setChannel(request.getConfig().getName()).build());
            response.onCompleted();
        }
    }
}
