package io.consortia.platform.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {
    private static final ChannelConfig TWO = ChannelConfig.newBuilder().setName("main").setVersion(3)
            .addOrganizations(Organization.newBuilder().setName("org1"))
            .addOrganizations(Organization.newBuilder().setName("org2"))
            .addPeers(peer("n1", "org1", PeerRole.VOTER))
            .addPeers(peer("n2", "org2", PeerRole.VOTER))
            .build();

    @Test
    void adding_an_organisation_then_its_node_as_learner_then_promoting_it_makes_one_version_each() {
        CertificateAuthority ca = CertificateAuthority.create("org3", SignatureScheme.ECDSA_P256_SHA256,
                Duration.ofDays(30));
        ConfigChange addOrg = ConfigChange.addOrganization("org3", ca.root(), ca.tlsRoot());
        assertThat(addOrg.isAppliedIn(TWO)).isFalse();
        ChannelConfig v4 = addOrg.nextOf(TWO);
        assertThat(v4.getVersion()).isEqualTo(4);
        assertThat(ConfigChange.organization(v4, "org3").getTlsRootCertificatesPem()).contains("BEGIN CERTIFICATE");
        assertThat(addOrg.isAppliedIn(v4)).isTrue();

        ConfigChange learner = ConfigChange.addLearner("n3", "org3", "127.0.0.1:1", "127.0.0.1:2");
        assertThatThrownBy(() -> learner.nextOf(TWO)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("add the organisation first");
        ChannelConfig v5 = learner.nextOf(v4);
        assertThat(ConfigChange.peer(v5, "n3").getRole()).isEqualTo(PeerRole.LEARNER);

        ConfigChange promote = ConfigChange.promote("n3");
        assertThat(promote.isAppliedIn(v5)).isFalse();
        ChannelConfig v6 = promote.nextOf(v5);
        assertThat(v6.getVersion()).isEqualTo(6);
        assertThat(ConfigChange.peer(v6, "n3").getRole()).isEqualTo(PeerRole.VOTER);
        assertThat(promote.isAppliedIn(v6)).isTrue();
    }

    @Test
    void a_voter_is_demoted_before_it_is_removed_and_an_organisation_leaves_only_without_peers() {
        assertThatThrownBy(() -> ConfigChange.removePeer("n2").nextOf(TWO)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("demote it first");
        assertThatThrownBy(() -> ConfigChange.removeOrganization("org2").nextOf(TWO))
                .isInstanceOf(PlatformException.class).hasMessageContaining("remove them first");
        ChannelConfig demoted = ConfigChange.demote("n2").nextOf(TWO);
        ChannelConfig removed = ConfigChange.removePeer("n2").nextOf(demoted);
        assertThat(ConfigChange.peer(removed, "n2")).isNull();
        ChannelConfig gone = ConfigChange.removeOrganization("org2").nextOf(removed);
        assertThat(gone.getOrganizationsList()).extracting(Organization::getName).containsExactly("org1");
        assertThat(gone.getVersion()).isEqualTo(6);
        assertThat(ConfigChange.removeOrganization("org2").isAppliedIn(gone)).isTrue();
        assertThatThrownBy(() -> ConfigChange.demote("n1").nextOf(gone)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("last voter");
    }

    @Test
    void a_configuration_without_a_version_is_version_one() {
        ChannelConfig legacy = TWO.toBuilder().setVersion(0).build();
        assertThat(ConfigChange.versionOf(legacy)).isEqualTo(1);
        assertThat(ConfigChange.demote("n1").nextOf(legacy).getVersion()).isEqualTo(2);
    }

    @Test
    void signatures_needed_follow_the_policy() {
        ChannelConfig three = TWO.toBuilder().addOrganizations(Organization.newBuilder().setName("org3")).build();
        assertThat(SignaturePolicy.required(TWO)).isEqualTo(2);
        assertThat(SignaturePolicy.required(three)).isEqualTo(2);
        assertThat(SignaturePolicy.required(three.toBuilder().setPolicy(ChangePolicy.ANY).build())).isEqualTo(1);
        assertThat(SignaturePolicy.required(three.toBuilder().setPolicy(ChangePolicy.ALL).build())).isEqualTo(3);
    }

    private static Peer peer(String id, String organization, PeerRole role) {
        return Peer.newBuilder().setNodeId(id).setOrganization(organization).setRole(role).build();
    }
}
