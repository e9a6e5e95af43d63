package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TLS credentials must work with the JDK's own TLS stack (mutual TLS, hostname check). */
class TlsHandshakeTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void jdk_tls_handshake_with_mutual_authentication_succeeds(SignatureScheme scheme) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, Duration.ofDays(30));
        IssuedCredential server = ca.issueTls("node0.org1", java.util.List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        IssuedCredential client = ca.issueTls("node1.org1", java.util.List.of(), Duration.ofDays(1));
        SSLContext serverContext = context(server, ca.tlsRoot());
        SSLContext clientContext = context(client, ca.tlsRoot());

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    InputStream in = socket.getInputStream();
                    int b = in.read();
                    socket.getOutputStream().write(b + 1);
                    socket.getOutputStream().flush();
                    X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    return Certificates.commonName(peer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // checks the dNSName SAN
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(41);
                out.flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            }
            assertThat(serverSide.get(10, TimeUnit.SECONDS)).isEqualTo("node1.org1");
        }
    }

    private static SSLContext context(IssuedCredential credential, X509Certificate tlsRoot) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("tls", credential.privateKey(), PASSWORD, credential.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", tlsRoot);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
