package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.security.NodeIdentity;
import io.consortia.node.security.TlsHandshakes;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AdminService.ReloadCredentials re-reads the trusted-roots bundle (the platform rewrites it when
 * an organisation leaves the consortium): real TLS handshakes with the node's server context show
 * that a root no longer in the bundle is refused at the next handshake, without a restart, while
 * the members, the served channels' organisations and the removed-organisation filtering stay as
 * they were; an unusable bundle is refused and changes nothing.
 */
class TrustedRootsReloadTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority ORG1 = ca("org1");
    private static final CertificateAuthority ORG2 = ca("org2");
    /** Voted out of the consortium; never in a channel this node serves. */
    private static final CertificateAuthority ORG3 = ca("org3");
    /** Removed from the channel this node serves; still (wrongly) in the bundle. */
    private static final CertificateAuthority ORG4 = ca("org4");
    /** Only in the served channel, never in the bundle. */
    private static final CertificateAuthority ORG5 = ca("org5");

    @TempDir
    Path dir;
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_root_taken_out_of_the_bundle_is_refused_after_a_reload_and_the_others_still_connect() throws Exception {
        writeBundle(ORG1, ORG2, ORG3, ORG4);
        TlsMaterial tls = serve();
        tls.trustChannels(List.of(channel(ORG1, ORG5)), List.of(organization(ORG4)));
        CredentialReload reload = new CredentialReload(identity(), tls);
        IssuedCredential member = client(ORG2);
        IssuedCredential votedOut = client(ORG3);
        IssuedCredential removedFromChannel = client(ORG4);
        IssuedCredential channelOnly = client(ORG5);
        assertThat(health(votedOut)).as("in the bundle at start").isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        writeBundle(ORG1, ORG2, ORG4); // as the platform does when org3 leaves the consortium
        ReloadCredentialsResponse reloaded = reload.reload();

        assertThatThrownBy(() -> health(votedOut)).as("org3 at a new handshake")
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(health(member)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(health(channelOnly)).as("the served channel's roots stay")
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThatThrownBy(() -> health(removedFromChannel)).as("the channel's removal still applies")
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(tls.trustedRoots()).doesNotContain(TlsHandshakes.jdk(ORG3.tlsRoot()), TlsHandshakes.jdk(ORG4.tlsRoot()));
        assertThat(reloaded.getTlsTrustedRoots()).as("org1, org2 and org5").isEqualTo(3);
    }

    @Test
    void an_unusable_bundle_is_refused_with_the_reason_and_changes_nothing() throws Exception {
        writeBundle(ORG1, ORG2);
        TlsMaterial tls = serve();
        CredentialReload reload = new CredentialReload(identity(), tls);
        X509Certificate presented = tls.certificate();
        IssuedCredential rotated = ORG1.issueTls(CertificateRole.NODE, "n1", List.of("127.0.0.1"), DAY);
        Files.writeString(dir.resolve("tls.pem"), Pem.write(rotated.certificate()));
        Files.writeString(dir.resolve("tls.key"), Pem.write(rotated.privateKey()));
        Path bundle = dir.resolve("roots.pem");

        Files.writeString(bundle, "");
        assertThatThrownBy(reload::reload).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.trustedRoots " + bundle).hasMessageContaining("holds no certificate");
        Files.writeString(bundle, "not a certificate at all\n");
        assertThatThrownBy(reload::reload).isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no certificate");
        Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nAAAA!!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(reload::reload).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.trustedRoots " + bundle);
        Files.delete(bundle);
        assertThatThrownBy(reload::reload).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.trustedRoots " + bundle).hasMessageContaining("unreadable");

        assertThat(tls.certificate()).as("the certificate is not swapped either").isEqualTo(presented);
        assertThat(tls.trustedRoots()).containsExactlyInAnyOrder(TlsHandshakes.jdk(ORG1.tlsRoot()), TlsHandshakes.jdk(ORG2.tlsRoot()));
        assertThat(health(client(ORG2))).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void the_admin_service_answers_an_unusable_bundle_with_failed_precondition_and_the_reason() throws Exception {
        writeBundle(ORG1);
        TlsMaterial tls = serve();
        Files.writeString(dir.resolve("roots.pem"), "garbage");
        // without TLS on the admin call itself every caller is allowed: the test is about the answer
        AdminServiceImpl admin = new AdminServiceImpl(null, null, new Authorization(false, "org1"), 0,
                new CredentialReload(identity(), tls), java.util.Optional.empty());
        java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
        admin.reloadCredentials(io.consortia.protocol.v1.ReloadCredentialsRequest.getDefaultInstance(),
                new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(ReloadCredentialsResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        error.set(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        assertThat(error.get()).as("the reload is refused").isNotNull();
        io.grpc.Status status = io.grpc.Status.fromThrowable(error.get());
        assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription()).contains("tls.trustedRoots").contains("holds no certificate");
        assertThat(tls.trustedRoots()).containsExactly(TlsHandshakes.jdk(ORG1.tlsRoot()));
    }

    private static CertificateAuthority ca(String name) {
        return CertificateAuthority.create(name, SignatureScheme.ECDSA_P256_SHA256, DAY);
    }

    private static IssuedCredential client(CertificateAuthority org) {
        return org.issueTls(CertificateRole.NODE, org.organization() + "-client", List.of("127.0.0.1"), DAY);
    }

    private void writeBundle(CertificateAuthority... orgs) throws Exception {
        List<X509Certificate> roots = new ArrayList<>();
        for (CertificateAuthority org : orgs) {
            roots.add(org.tlsRoot());
        }
        // as the platform writes it: a complete new file moved over the old one
        Path next = dir.resolve("roots.pem.next");
        Files.writeString(next, Pem.writeAll(roots));
        Files.move(next, dir.resolve("roots.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private NodeIdentity identity() throws Exception {
        IssuedCredential signing = ORG1.issue(CertificateRole.NODE, "n1", DAY);
        Files.writeString(dir.resolve("node.pem"), Pem.write(signing.certificate()));
        Files.writeString(dir.resolve("node.key"), Pem.write(signing.privateKey()));
        return NodeIdentity.load(new NodeConfig.Identity(dir.resolve("node.pem"), dir.resolve("node.key")), "org1");
    }

    private TlsMaterial serve() throws Exception {
        TlsMaterial tls = TlsHandshakes.nodeTls(dir, ORG1, "n1");
        server = TlsHandshakes.serve(tls);
        return tls;
    }

    /** A new connection (so a new handshake) presenting the client's certificate. */
    private HealthCheckResponse.ServingStatus health(IssuedCredential client) throws Exception {
        return TlsHandshakes.health(server, client, ORG1.tlsRoot());
    }

    private static Organization organization(CertificateAuthority org) {
        return Organization.newBuilder().setName(org.organization()).setRootCertificatesPem(Pem.write(org.root()))
                .setTlsRootCertificatesPem(Pem.write(org.tlsRoot())).build();
    }

    private static ChannelConfig channel(CertificateAuthority... orgs) {
        ChannelConfig.Builder c = ChannelConfig.newBuilder().setName("main");
        for (CertificateAuthority org : orgs) {
            c.addOrganizations(organization(org));
        }
        return c.build();
    }
}
