package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelConfigValidatorTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256,
            Duration.ofDays(1));
    private static final ChannelConfig GOOD = ChannelConfig.newBuilder().setName("main")
            .setScheme(io.consortia.protocol.v1.SignatureScheme.ECDSA_P256_SHA256).setCreatedMillis(1)
            .addOrganizations(Organization.newBuilder().setName("org1").setRootCertificatesPem(Pem.write(CA.root())))
            .addPeers(Peer.newBuilder().setNodeId("n0").setOrganization("org1").setRaftAddress("127.0.0.1:7052")
                    .setApiAddress("localhost:7051"))
            .build();

    private static void refused(ChannelConfig config, String problem) {
        assertThatThrownBy(() -> ChannelConfigValidator.validate(config, "n0"))
                .isInstanceOf(InvalidChannelConfigException.class).hasMessageContaining(problem);
    }

    @Test
    void a_complete_configuration_passes() {
        assertThatCode(() -> ChannelConfigValidator.validate(GOOD, "n0")).doesNotThrowAnyException();
    }

    @Test
    void a_root_certificate_with_a_valid_header_and_garbage_inside_is_refused() {
        refused(GOOD.toBuilder().setOrganizations(0, GOOD.getOrganizations(0).toBuilder().setRootCertificatesPem(
                "-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n")).build(),
                "root_certificates_pem is not readable PEM X.509");
    }

    @Test
    void a_leaf_instead_of_a_ca_certificate_is_refused() {
        String leaf = Pem.write(CA.issue(CertificateRole.USER, "u", Duration.ofDays(1)).certificate());
        refused(GOOD.toBuilder().setOrganizations(0, GOOD.getOrganizations(0).toBuilder()
                .setRootCertificatesPem(leaf)).build(), "is not a CA certificate");
    }

    @Test
    void ports_out_of_range_and_malformed_addresses_are_refused() {
        refused(GOOD.toBuilder().setPeers(0, GOOD.getPeers(0).toBuilder().setApiAddress("127.0.0.1:99999")).build(),
                "api_address port 99999 is not in 1-65535");
        refused(GOOD.toBuilder().setPeers(0, GOOD.getPeers(0).toBuilder().setRaftAddress("127.0.0.1:0")).build(),
                "raft_address port 0 is not in 1-65535");
        refused(GOOD.toBuilder().setPeers(0, GOOD.getPeers(0).toBuilder().setRaftAddress("a b:7052")).build(),
                "needs raft_address as host:port");
    }

    @Test
    void a_negative_creation_time_is_refused() {
        refused(GOOD.toBuilder().setCreatedMillis(-5).build(), "created_millis -5 is negative");
    }

    @Test
    void a_huge_field_is_echoed_cut() {
        String huge = "X".repeat(100_000);
        assertThatThrownBy(() -> ChannelConfigValidator.validate(GOOD.toBuilder().setName(huge).build(), "n0"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).hasSizeLessThan(1000)
                        .contains("(100000 characters)"));
    }

    @Test
    void a_configuration_without_a_voter_or_with_unreadable_tls_roots_or_serial_less_revocations_is_refused() {
        refused(GOOD.toBuilder().setPeers(0, GOOD.getPeers(0).toBuilder()
                .setRole(io.consortia.protocol.v1.PeerRole.LEARNER)).build(), "at least one peer must be a VOTER");
        refused(GOOD.toBuilder().setOrganizations(0, GOOD.getOrganizations(0).toBuilder()
                .setTlsRootCertificatesPem("not pem")).build(), "tls_root_certificates_pem is not readable");
        refused(GOOD.toBuilder().setOrganizations(0, GOOD.getOrganizations(0).toBuilder()
                .addRevoked(io.consortia.protocol.v1.RevokedCertificate.newBuilder().setReason("x"))).build(),
                "revokes a certificate without a serial number");
    }

    @Test
    void problems_leave_out_whether_this_node_is_a_peer() {
        org.assertj.core.api.Assertions.assertThat(ChannelConfigValidator.problems(GOOD)).isEmpty();
        assertThatThrownBy(() -> ChannelConfigValidator.validate(GOOD, "n9"))
                .hasMessageContaining("this node (n9) is not a peer of the channel");
    }
}
