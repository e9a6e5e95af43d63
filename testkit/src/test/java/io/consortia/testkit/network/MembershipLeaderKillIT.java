package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the Raft leader right after a membership change commits, before or while Ratis is
 * reconfigured: after the restart every node applies the same committed configuration and Ratis'
 * configuration on every node matches it (voters = VOTER peers, listeners = LEARNER peers). Done
 * twice: after a learner is added, and after it is promoted (a voter change).
 */
@Tag("slow")
class MembershipLeaderKillIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void the_network_converges_to_one_configuration_after_the_leader_dies_mid_change() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        try (ClientLoad load = new ClientLoad(network, 2, () -> network.servingNodes().stream()
                .filter(MiniNode::isRunning).toList())) {
            load.awaitMore(20);

            MiniNode added = network.addLearner("org2");
            killLeaderAndRestart();
            awaitConverged();
            load.awaitMore(20);

            network.promote(added);
            killLeaderAndRestart();
            awaitConverged();
            assertThat(voters(network.currentConfig())).contains(added.nodeId());
            load.awaitMore(20);
            load.close();
            ClientLoad.assertSameChains(network, network.servingNodes(), load.acknowledged());
        } catch (AssertionError | RuntimeException e) {
            network.dumpLogs();
            throw e;
        }
    }

    /** Kills the leader at once (SIGKILL), waits until the others elect another, then restarts it. */
    private void killLeaderAndRestart() {
        String leaderId = status(network.servingNodes().get(0)).getRaftLeader();
        MiniNode leader = leaderId.isEmpty() ? network.servingNodes().get(0) : network.node(leaderId);
        leader.kill();
        await("a new leader").atMost(CONVERGE).ignoreExceptions().until(() -> network.servingNodes().stream()
                .filter(MiniNode::isRunning).anyMatch(n -> {
                    String l = status(n).getRaftLeader();
                    return !l.isEmpty() && !l.equals(leader.nodeId());
                }));
        leader.restart();
    }

    private void awaitConverged() {
        for (MiniNode node : network.servingNodes()) {
            await(node.nodeId() + " applies the committed configuration and Ratis follows it").atMost(CONVERGE)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        ChannelConfig config = network.currentConfig();
                        ChannelStatus s = status(node);
                        return s.getConfigVersion() == config.getVersion()
                                && Set.copyOf(s.getPeersList()).equals(voters(config))
                                && Set.copyOf(s.getLearnersList()).equals(learners(config));
                    });
        }
    }

    private static Set<String> voters(ChannelConfig config) {
        return ids(config.getPeersList(), PeerRole.VOTER);
    }

    private static Set<String> learners(ChannelConfig config) {
        return ids(config.getPeersList(), PeerRole.LEARNER);
    }

    private static Set<String> ids(List<Peer> peers, PeerRole role) {
        return peers.stream().filter(p -> p.getRole() == role).map(Peer::getNodeId).collect(Collectors.toSet());
    }

    private ChannelStatus status(MiniNode node) {
        return network.admin(node).status().getChannels(0);
    }
}
