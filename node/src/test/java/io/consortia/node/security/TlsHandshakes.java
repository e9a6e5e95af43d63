package io.consortia.node.security;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.node.config.NodeConfig;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real TLS handshakes against a node's server context, for tests of whom the node trusts: a
 * health service behind {@link TlsMaterial#serverContext()}, and a new connection per question.
 */
public final class TlsHandshakes {
    private TlsHandshakes() {}

    /**
     * The node's TLS as it loads it: a certificate {@code org} issues to {@code name} for
     * 127.0.0.1, written with its key into {@code dir}, and the trusted roots the caller keeps in
     * {@code dir/roots.pem}.
     */
    public static TlsMaterial nodeTls(Path dir, CertificateAuthority org, String name) throws Exception {
        IssuedCredential node = org.issueTls(CertificateRole.NODE, name, List.of("127.0.0.1"), Duration.ofDays(1));
        Files.writeString(dir.resolve("tls.pem"), Pem.write(node.certificate()));
        Files.writeString(dir.resolve("tls.key"), Pem.write(node.privateKey()));
        return TlsMaterial.load(new NodeConfig.Tls(true, dir.resolve("tls.pem"), dir.resolve("tls.key"),
                dir.resolve("roots.pem")));
    }

    /** A server on 127.0.0.1 with the node's TLS. */
    public static Server serve(TlsMaterial tls) throws Exception {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls.serverContext())
                .addService(new HealthStatusManager().getHealthService())
                .build().start();
    }

    /** A new connection (so a new handshake) presenting the client's certificate, trusting {@code serverRoot}. */
    public static HealthCheckResponse.ServingStatus health(Server server, IssuedCredential client,
            X509Certificate serverRoot) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(GrpcSslContexts.forClient()
                        .keyManager(client.privateKey(), TlsMaterial.jdk(client.certificate()))
                        .trustManager(TlsMaterial.jdk(serverRoot)).build())
                .build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The certificate as the JDK's own class, as the node's trust holds it. */
    public static X509Certificate jdk(X509Certificate certificate) throws Exception {
        return TlsMaterial.jdk(certificate);
    }
}
