package io.consortia.node.security;

import io.consortia.crypto.Pem;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * The node's TLS certificate, key and trusted roots, turned into what each transport needs:
 * Netty contexts for the client API (mutual TLS required) and Ratis' TLS configuration.
 * Keys and certificates are re-encoded into the JDK's own classes so every TLS stack accepts them.
 */
public final class TlsMaterial {
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> trustedRoots;

    private TlsMaterial(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> trustedRoots) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.trustedRoots = List.copyOf(trustedRoots);
    }

    public static TlsMaterial load(NodeConfig.Tls tls) {
        try {
            X509Certificate cert = jdk(Pem.readCertificate(Files.readString(tls.certificate())));
            PrivateKey key = jdkKey(Pem.readPrivateKey(Files.readString(tls.privateKey())));
            List<X509Certificate> roots = new ArrayList<>();
            for (X509Certificate root : Pem.readCertificates(Files.readString(tls.trustedRoots()))) {
                roots.add(jdk(root));
            }
            if (roots.isEmpty()) {
                throw new ConfigException("tls.trustedRoots " + tls.trustedRoots() + " holds no certificate");
            }
            return new TlsMaterial(cert, key, roots);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException("cannot load TLS material: " + e.getMessage(), e);
        }
    }

    private static X509Certificate jdk(X509Certificate c) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.getEncoded()));
    }

    private static PrivateKey jdkKey(PrivateKey k) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(k.getEncoded()));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public List<X509Certificate> trustedRoots() {
        return trustedRoots;
    }

    /** Server side of the client API: every caller must present a certificate from a trusted root. */
    public SslContext serverContext() {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(privateKey, certificate))
                    .trustManager(trustedRoots.toArray(X509Certificate[]::new))
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException e) {
            throw new ConfigException("cannot build the TLS server context: " + e.getMessage(), e);
        }
    }

    /** Client side, for node-to-node calls (e.g. fetching a checkpoint from a peer). */
    public SslContext clientContext() {
        try {
            return GrpcSslContexts.forClient()
                    .keyManager(privateKey, certificate)
                    .trustManager(trustedRoots.toArray(X509Certificate[]::new))
                    .build();
        } catch (SSLException e) {
            throw new ConfigException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    /** Mutual TLS between the Raft peers. */
    public GrpcTlsConfig ratisConfig() {
        return new GrpcTlsConfig(privateKey, certificate, trustedRoots, true);
    }

    /** For logs: never the key. */
    @Override
    public String toString() {
        return "TlsMaterial[" + certificate.getSubjectX500Principal() + ", " + trustedRoots.size() + " roots]";
    }

}
