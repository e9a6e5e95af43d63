package io.consortia.node.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import io.consortia.protocol.v1.SignatureScheme;
import org.junit.jupiter.api.Test;

class ConfigChangeRulesTest {
    private static final ChannelConfig CURRENT = ChannelConfig.newBuilder()
            .setName("main").setScheme(SignatureScheme.ECDSA_P256_SHA256).setCreatedMillis(1000).setVersion(3)
            .addOrganizations(Organization.newBuilder().setName("Org1"))
            .addOrganizations(Organization.newBuilder().setName("Org2"))
            .addOrganizations(Organization.newBuilder().setName("Org3"))
            .addPeers(peer("n1", "Org1", PeerRole.VOTER))
            .addPeers(peer("n2", "Org2", PeerRole.VOTER))
            .addPeers(peer("n3", "Org2", PeerRole.LEARNER))
            .build();

    private static Peer peer(String id, String org, PeerRole role) {
        return Peer.newBuilder().setNodeId(id).setOrganization(org).setRaftAddress("127.0.0.1:1")
                .setApiAddress("127.0.0.1:2").setRole(role).build();
    }

    private static ChannelConfig.Builder next() {
        return CURRENT.toBuilder().setVersion(4);
    }

    @Test
    void adding_an_organization_without_peers_or_a_learner_is_allowed() {
        assertThat(ConfigChangeRules.problems(CURRENT, next()
                .addOrganizations(Organization.newBuilder().setName("Org4")).build())).isEmpty();
        assertThat(ConfigChangeRules.problems(CURRENT, next().addPeers(peer("n4", "Org3", PeerRole.LEARNER)).build()))
                .isEmpty();
    }

    @Test
    void a_new_peer_must_join_as_learner() {
        assertThat(ConfigChangeRules.problems(CURRENT, next().addPeers(peer("n4", "Org3", PeerRole.VOTER)).build()))
                .containsExactly("new peer n4 must join as LEARNER");
    }

    @Test
    void one_promotion_or_demotion_at_a_time() {
        assertThat(ConfigChangeRules.problems(CURRENT, next().setPeers(2, peer("n3", "Org2", PeerRole.VOTER)).build()))
                .isEmpty();
        assertThat(ConfigChangeRules.problems(CURRENT, next().setPeers(1, peer("n2", "Org2", PeerRole.LEARNER)).build()))
                .isEmpty();
        assertThat(ConfigChangeRules.problems(CURRENT, next()
                .setPeers(1, peer("n2", "Org2", PeerRole.LEARNER))
                .setPeers(2, peer("n3", "Org2", PeerRole.VOTER)).build()))
                .singleElement().asString().startsWith("at most one peer may change whether it votes");
    }

    @Test
    void only_a_learner_may_be_removed() {
        assertThat(ConfigChangeRules.problems(CURRENT, next().removePeers(2).build())).isEmpty();
        assertThat(ConfigChangeRules.problems(CURRENT, next().removePeers(1).build()))
                .singleElement().asString().startsWith("peer n2 is a VOTER");
    }

    @Test
    void a_voter_must_remain() {
        ChannelConfig oneVoter = CURRENT.toBuilder().setPeers(1, peer("n2", "Org2", PeerRole.LEARNER)).build();
        assertThat(ConfigChangeRules.problems(oneVoter, oneVoter.toBuilder().setVersion(4)
                .setPeers(0, peer("n1", "Org1", PeerRole.LEARNER)).build()))
                .contains("at least one VOTER must remain");
    }

    @Test
    void an_organization_with_peers_cannot_be_removed_but_one_without_can() {
        assertThat(ConfigChangeRules.problems(CURRENT, next().removeOrganizations(2).build())).isEmpty();
        assertThat(ConfigChangeRules.problems(CURRENT, next().removeOrganizations(0).build()))
                .contains("organization Org1 still has peers: remove its peers first");
    }

    @Test
    void name_scheme_creation_time_and_a_peers_organization_never_change() {
        assertThat(ConfigChangeRules.problems(CURRENT, next().setName("other").setScheme(SignatureScheme.SM2_SM3)
                .setCreatedMillis(2000).setPeers(2, peer("n3", "Org3", PeerRole.LEARNER)).build()))
                .containsExactly("the channel name cannot change", "the signature scheme cannot change",
                        "created_millis cannot change", "peer n3 cannot move to another organization");
    }
}
