package io.consortia.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority ORG1 = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, DAY);
    private static final CertificateAuthority ORG2 = CertificateAuthority.create("org2", SignatureScheme.ECDSA_P256_SHA256, DAY);
    private static final CertificateAuthority ORG3 = CertificateAuthority.create("org3", SignatureScheme.ECDSA_P256_SHA256, DAY);
    private static final CertificateAuthority ORG4 = CertificateAuthority.create("org4", SignatureScheme.ECDSA_P256_SHA256, DAY);

    @TempDir
    Path dir;

    private TlsMaterial load(CertificateAuthority... bundle) throws Exception {
        IssuedCredential node = ORG1.issueTls(CertificateRole.NODE, "n1", List.of("127.0.0.1"), DAY);
        write(node);
        List<X509Certificate> roots = new java.util.ArrayList<>(List.of(ORG1.tlsRoot()));
        for (CertificateAuthority org : bundle) {
            roots.add(org.tlsRoot());
        }
        Files.writeString(dir.resolve("roots.pem"), Pem.writeAll(roots));
        return TlsMaterial.load(new NodeConfig.Tls(true, dir.resolve("tls.pem"), dir.resolve("tls.key"),
                dir.resolve("roots.pem")));
    }

    private void write(IssuedCredential credential) throws Exception {
        Files.writeString(dir.resolve("tls.pem"), Pem.write(credential.certificate()));
        Files.writeString(dir.resolve("tls.key"), Pem.write(credential.privateKey()));
    }

    private static X509Certificate[] chain(IssuedCredential c) throws Exception {
        return new X509Certificate[] {TlsMaterial.jdk(c.certificate())};
    }

    private static Organization organization(CertificateAuthority org) {
        return Organization.newBuilder().setName(org.organization()).setRootCertificatesPem(Pem.write(org.root()))
                .setTlsRootCertificatesPem(Pem.write(org.tlsRoot())).build();
    }

    private static ChannelConfig channel(String name, CertificateAuthority... orgs) {
        ChannelConfig.Builder c = ChannelConfig.newBuilder().setName(name);
        for (CertificateAuthority org : orgs) {
            c.addOrganizations(organization(org));
        }
        return c.build();
    }

    private static ChannelConfig channel(CertificateAuthority org, X509Certificate... revoked) {
        Organization.Builder o = organization(org).toBuilder();
        for (X509Certificate r : revoked) {
            o.addRevoked(RevokedCertificate.newBuilder()
                    .setSerialNumber(ByteString.copyFrom(r.getSerialNumber().toByteArray())).setReason("stolen"));
        }
        return ChannelConfig.newBuilder().setName("main").addOrganizations(o).build();
    }

    @Test
    void trust_follows_the_served_channels_and_refuses_revoked_certificates() throws Exception {
        TlsMaterial tls = load();
        ChannelTrustManager trust = (ChannelTrustManager) tls.ratisConfig().getTrustManager().getTrustManager();
        IssuedCredential peer = ORG2.issueTls(CertificateRole.NODE, "n2", List.of("127.0.0.1"), DAY);
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(peer), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);

        tls.trustChannels(List.of(channel(ORG2)));
        assertThatCode(() -> trust.checkClientTrusted(chain(peer), "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThat(tls.trustedRoots()).hasSize(2);

        tls.trustChannels(List.of(channel(ORG2, peer.certificate())));
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(peer), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("revoked");
        IssuedCredential other = ORG2.issueTls(CertificateRole.NODE, "n3", List.of("127.0.0.1"), DAY);
        assertThatCode(() -> trust.checkClientTrusted(chain(other), "ECDHE_ECDSA")).doesNotThrowAnyException();

        tls.trustChannels(List.of()); // the channel is gone: only the configured roots remain
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(other), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    /**
     * The configured bundle lists every member at installation; once a committed configuration
     * removed an organisation, its root there no longer completes a handshake, unless a served
     * channel still lists it or it is the node's own. Members that joined later, or never left,
     * stay trusted.
     */
    @Test
    void a_removed_organisations_root_in_the_configured_bundle_is_no_longer_trusted() throws Exception {
        TlsMaterial tls = load(ORG2, ORG3);
        ChannelTrustManager trust = (ChannelTrustManager) tls.ratisConfig().getTrustManager().getTrustManager();
        IssuedCredential own = ORG1.issueTls(CertificateRole.NODE, "n9", List.of("127.0.0.1"), DAY);
        IssuedCredential removed = ORG2.issueTls(CertificateRole.NODE, "n2", List.of("127.0.0.1"), DAY);
        IssuedCredential bystander = ORG3.issueTls(CertificateRole.NODE, "n3", List.of("127.0.0.1"), DAY);
        IssuedCredential joined = ORG4.issueTls(CertificateRole.NODE, "n4", List.of("127.0.0.1"), DAY);
        tls.trustChannels(List.of(channel("main", ORG1, ORG2)));
        assertThatCode(() -> trust.checkClientTrusted(chain(removed), "ECDHE_ECDSA")).doesNotThrowAnyException();

        // version 2 of main no longer lists org2; org4 joined it
        tls.trustChannels(List.of(channel("main", ORG1, ORG4)), List.of(organization(ORG2)));
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(removed), "ECDHE_ECDSA"))
                .as("org2 was voted out of main").isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain(removed), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(tls.trustedRoots()).doesNotContain(TlsMaterial.jdk(ORG2.tlsRoot()));
        assertThatCode(() -> trust.checkClientTrusted(chain(bystander), "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(chain(joined), "ECDHE_ECDSA")).doesNotThrowAnyException();

        // still a member of another channel the node serves
        tls.trustChannels(List.of(channel("main", ORG1, ORG4), channel("other", ORG2)), List.of(organization(ORG2)));
        assertThatCode(() -> trust.checkClientTrusted(chain(removed), "ECDHE_ECDSA")).doesNotThrowAnyException();

        // the node's own organisation, removed from the only channel it served, keeps its own root
        tls.trustChannels(List.of(channel("main", ORG3)), List.of(organization(ORG1), organization(ORG2)));
        assertThatCode(() -> trust.checkClientTrusted(chain(own), "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(removed), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void a_reload_presents_the_new_certificate_and_an_unusable_one_changes_nothing() throws Exception {
        TlsMaterial tls = load();
        RotatingKeyManager keys = (RotatingKeyManager) tls.ratisConfig().getKeyManager().getKeyManager();
        String before = keys.chooseEngineServerAlias("EC", null, null);
        X509Certificate old = tls.certificate();

        IssuedCredential next = ORG1.issueTls(CertificateRole.NODE, "n1", List.of("127.0.0.1"), DAY);
        write(next);
        assertThat(tls.reload().getSerialNumber()).isEqualTo(next.certificate().getSerialNumber());
        String after = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(after).isNotEqualTo(before);
        assertThat(keys.getCertificateChain(after)[0].getSerialNumber()).isEqualTo(next.certificate().getSerialNumber());
        // a handshake that chose the old alias just before the swap still gets a matching pair
        assertThat(keys.getCertificateChain(before)[0]).isEqualTo(old);

        IssuedCredential mismatched = ORG1.issueTls(CertificateRole.NODE, "n1", List.of("127.0.0.1"), DAY);
        Files.writeString(dir.resolve("tls.pem"), Pem.write(mismatched.certificate()));
        assertThatThrownBy(tls::reload).isInstanceOf(ConfigException.class).hasMessageContaining("not the private key");
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(next.certificate().getSerialNumber());
    }
}
