package io.consortia.platform.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The waits around a configuration change, against nodes that answer with the version they
 * apply: a lagging voter fails the wait instead of being reported as "not yet", and a voter
 * leaves only while the voters that stay apply the version in force.
 */
class ChannelConfiguratorTest {
    private final Map<String, Long> applied = new HashMap<>();
    private final NetworkAccess network = new NetworkAccess(null) {
        @Override
        ChannelConfigInfo config(NodeRecord node, String channel) {
            Long version = applied.get(node.nodeId());
            if (version == null) {
                throw new IllegalStateException("UNAVAILABLE: io exception");
            }
            return ChannelConfigInfo.newBuilder().setConfig(ChannelConfig.newBuilder().setName(channel)
                    .setVersion(version)).build();
        }
    };
    private final ChannelConfigurator configurator = new ChannelConfigurator(network, Duration.ofMillis(600),
            Duration.ofMillis(600));
    private final List<NodeRecord> nodes = List.of(node("c1-org1-0"), node("c1-org2-0"), node("c1-org3-0"));

    private static NodeRecord node(String id) {
        return new NodeRecord(1, id, 1, 1, "127.0.0.1", 1, 2, 3, "/tmp", "RUNNING", NodeStatus.RUNNING, null, 0,
                null, 0);
    }

    private static ChannelConfig config(long version, PeerRole... roles) {
        ChannelConfig.Builder builder = ChannelConfig.newBuilder().setName("main").setVersion(version);
        String[] ids = {"c1-org1-0", "c1-org2-0", "c1-org3-0"};
        for (int i = 0; i < roles.length; i++) {
            builder.addPeers(Peer.newBuilder().setNodeId(ids[i]).setOrganization("org" + (i + 1)).setRole(roles[i]));
        }
        return builder.build();
    }

    private ChannelConfigurator.Request request(ConfigChange change) {
        return new ChannelConfigurator.Request(1, "main", nodes, change, List.of(1L));
    }

    /** What each node reports of the channel's Raft group, per node (a node missing does not answer). */
    private final Map<String, java.util.function.Supplier<ChannelStatus>> raft = new HashMap<>();
    private final ChannelConfigurator raftWatcher = new ChannelConfigurator(network, Duration.ofMillis(600),
            Duration.ofMillis(600)) {
        @Override
        public java.util.Optional<ChannelStatus> status(NodeRecord node, String channel) {
            if (!raft.containsKey(node.nodeId())) {
                throw new IllegalStateException("UNAVAILABLE: io exception");
            }
            return java.util.Optional.of(raft.get(node.nodeId()).get());
        }
    };
    private final List<String> steps = new java.util.ArrayList<>();
    private final DeploymentSteps recording = new DeploymentSteps() {
        @Override
        public <T> T step(String name, String node, java.util.function.Supplier<T> work) {
            T detail = work.get();
            steps.add(name + ": " + detail);
            return detail;
        }
    };

    private static ChannelStatus raftStatus(List<String> voters, List<String> learners) {
        return ChannelStatus.newBuilder().setName("main").addAllPeers(voters).addAllLearners(learners).build();
    }

    @Test
    void a_demoted_node_is_waited_for_until_the_others_no_longer_count_its_vote() {
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        // the leader moves Ratis a while after the configuration committed; c1-org3-0 is down
        raft.put("c1-org1-0", () -> looks.incrementAndGet() < 3
                ? raftStatus(List.of("c1-org1-0", "c1-org2-0"), List.of())
                : raftStatus(List.of("c1-org1-0"), List.of("c1-org2-0")));
        raft.put("c1-org2-0", () -> raftStatus(List.of("c1-org1-0"), List.of("c1-org2-0")));

        raftWatcher.awaitRaftExit("main", "c1-org2-0", List.of(nodes.get(0), nodes.get(2)), false, recording);

        assertThat(looks.get()).isGreaterThanOrEqualTo(3);
        assertThat(steps).containsExactly("Wait for c1-org2-0 to stop voting in channel main: voters c1-org1-0, "
                + "learners c1-org2-0, as c1-org1-0 report");
    }

    @Test
    void a_removed_node_still_in_the_group_fails_the_wait_and_is_named() {
        raft.put("c1-org1-0", () -> raftStatus(List.of("c1-org1-0"), List.of("c1-org2-0")));

        assertThatThrownBy(() -> raftWatcher.awaitRaftExit("main", "c1-org2-0", List.of(nodes.get(0)), true,
                recording)).hasMessageStartingWith("c1-org2-0 is still a member of the Raft group of channel main")
                .hasMessageContaining("voters c1-org1-0, learners c1-org2-0, as c1-org1-0 report")
                .hasMessageContaining("It keeps running, so that the group keeps its vote");
        raft.put("c1-org1-0", () -> raftStatus(List.of("c1-org1-0"), List.of()));
        assertThat(raftWatcher.awaitRaftExit("main", "c1-org2-0", List.of(nodes.get(0)), true, recording))
                .isEqualTo("voters c1-org1-0, learners -, as c1-org1-0 report");
    }

    @Test
    void the_wait_succeeds_once_every_peer_applies_the_version() {
        applied.putAll(Map.of("c1-org1-0", 17L, "c1-org2-0", 17L, "c1-org3-0", 17L));
        assertThat(configurator.awaitApplied(request(ConfigChange.promote("c1-org3-0")),
                config(17, PeerRole.VOTER, PeerRole.VOTER, PeerRole.VOTER))).isEqualTo("3 of 3 peers apply version 17");
    }

    @Test
    void a_voter_that_does_not_apply_the_version_fails_the_wait_naming_it() {
        applied.putAll(Map.of("c1-org1-0", 17L, "c1-org2-0", 17L)); // c1-org3-0 does not answer
        assertThatThrownBy(() -> configurator.awaitApplied(request(ConfigChange.promote("c1-org3-0")),
                config(17, PeerRole.VOTER, PeerRole.VOTER, PeerRole.VOTER)))
                .hasMessageContaining("voter(s) c1-org3-0 did not apply it").hasMessageContaining("2 of 3 peers did");
        applied.put("c1-org3-0", 16L);
        assertThatThrownBy(() -> configurator.awaitApplied(request(ConfigChange.promote("c1-org3-0")),
                config(17, PeerRole.VOTER, PeerRole.VOTER, PeerRole.VOTER)))
                .hasMessageContaining("voter(s) c1-org3-0 did not apply it");
    }

    @Test
    void a_learner_behind_is_named_but_does_not_fail_the_wait() {
        applied.putAll(Map.of("c1-org1-0", 17L, "c1-org2-0", 17L)); // c1-org3-0, demoted, is down
        assertThat(configurator.awaitApplied(request(ConfigChange.demote("c1-org3-0")),
                config(17, PeerRole.VOTER, PeerRole.VOTER, PeerRole.LEARNER)))
                .isEqualTo("2 of 3 peers apply version 17; learner(s) c1-org3-0 not yet (not voting)");
    }

    @Test
    void a_voter_leaves_only_while_the_voters_that_stay_apply_the_version_in_force() {
        ChannelConfig current = config(17, PeerRole.VOTER, PeerRole.VOTER, PeerRole.VOTER);
        ChannelConfig next = ConfigChange.demote("c1-org1-0").nextOf(current);
        applied.putAll(Map.of("c1-org1-0", 17L, "c1-org2-0", 17L, "c1-org3-0", 16L));
        assertThatThrownBy(() -> configurator.awaitVotersCurrent(request(ConfigChange.demote("c1-org1-0")),
                current, next)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("voter(s) c1-org3-0 of the 2 that would remain have not applied version 17");
        applied.put("c1-org3-0", 17L);
        assertThat(configurator.awaitVotersCurrent(request(ConfigChange.demote("c1-org1-0")), current, next))
                .isEqualTo("the 2 remaining voters apply version 17");
        applied.remove("c1-org1-0"); // the voter that leaves may be down
        assertThat(configurator.awaitVotersCurrent(request(ConfigChange.demote("c1-org1-0")), current, next))
                .isEqualTo("the 2 remaining voters apply version 17");
    }
}
