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
 *
 * <p>Ratis listeners never vote, and a listener turns voter only when the configuration entry
 * that promotes it reaches it. That entry commits without it (three of four voters), so a leader
 * that dies before sending it leaves the survivors waiting for it to come back: they need the
 * promoted member's vote, which it refuses. The second case forces that window; the first accepts
 * it when a run happens to hit it.
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
            assertVoterAndNothingLost(added, load, 20);
        } catch (AssertionError | RuntimeException e) {
            network.dumpLogs();
            throw e;
        }
    }

    @Test
    void a_member_that_missed_its_promotion_when_the_leader_died_votes_once_that_leader_returns() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        List<MiniNode> founders = network.servingNodes();
        try (ClientLoad load = new ClientLoad(network, 2, () -> founders.stream().filter(MiniNode::isRunning).toList())) {
            load.awaitMore(10);
            MiniNode added = network.addLearner("org2");
            awaitConverged();

            MiniNode leader = leader();
            added.pause(); // it misses the entry that makes it a voter
            network.promote(added);
            await("the leader's Raft configuration counts " + added.nodeId() + " as a voter").atMost(CONVERGE)
                    .ignoreExceptions().until(() -> status(leader).getPeersList().contains(added.nodeId()));
            leader.kill();
            added.resume();
            await("the survivors wait for " + leader.nodeId() + ": " + added.nodeId() + " does not know it votes")
                    .atMost(CONVERGE).ignoreExceptions().until(() -> awaitsOldLeader(leader));

            leader.restart();
            awaitConverged();
            assertVoterAndNothingLost(added, load, 10);
        } catch (AssertionError | RuntimeException e) {
            network.dumpLogs();
            throw e;
        }
    }

    /**
     * Kills the leader at once (SIGKILL), waits until the others elect another or (see the class
     * comment) are left waiting for it because the member just promoted has not heard that it
     * votes, then restarts it.
     */
    private void killLeaderAndRestart() {
        MiniNode leader = leader();
        leader.kill();
        try {
            await("a new leader, or the survivors waiting for the old one").atMost(CONVERGE).ignoreExceptions()
                    .until(() -> newLeader(leader) || awaitsOldLeader(leader));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            printStatuses("survivor");
            throw e;
        }
        leader.restart();
    }

    /** The promoted member votes, the load commits again, and every node holds the same chain. */
    private void assertVoterAndNothingLost(MiniNode promoted, ClientLoad load, int more) {
        assertThat(voters(network.currentConfig())).contains(promoted.nodeId());
        load.awaitMore(more);
        load.close();
        ClientLoad.assertSameChains(network, network.servingNodes(), load.acknowledged());
    }

    private MiniNode leader() {
        String leaderId = status(network.servingNodes().get(0)).getRaftLeader();
        return leaderId.isEmpty() ? network.servingNodes().get(0) : network.node(leaderId);
    }

    private boolean newLeader(MiniNode old) {
        return running().stream().map(n -> status(n).getRaftLeader())
                .anyMatch(l -> !l.isEmpty() && !l.equals(old.nodeId()));
    }

    /**
     * No survivor names a leader other than the dead one, and a survivor still acts as a listener
     * (Ratis role LISTENER, or a listener in its own Raft configuration) while the channel's committed
     * configuration, or a survivor's Raft configuration, makes it a voter: no election can succeed
     * without the dead leader. Two forms were seen: the promoting entry had not reached the member,
     * or it had (all three survivors listed it among the voters) but the member was still in the
     * LISTENER role, the leader having died before telling it the entry was committed; the others'
     * pre-votes, which need it, then failed and the term never moved (fresh-clone runs, 2 minutes).
     */
    private boolean awaitsOldLeader(MiniNode old) {
        if (newLeader(old)) {
            return false;
        }
        List<MiniNode> running = running();
        Set<String> committedVoters = voters(network.currentConfig());
        return running.stream().anyMatch(n -> {
            ChannelStatus own = status(n);
            boolean listens = own.getRaftRole().equals("LISTENER") || own.getLearnersList().contains(n.nodeId());
            return listens && (committedVoters.contains(n.nodeId())
                    || running.stream().anyMatch(o -> status(o).getPeersList().contains(n.nodeId())));
        });
    }

    /** After a timeout: what each running node reports, or why it does not answer. */
    private void printStatuses(String role) {
        running().forEach(n -> {
            try {
                System.err.println(role + " " + n.nodeId() + ": " + status(n));
            } catch (RuntimeException unanswered) {
                System.err.println(role + " " + n.nodeId() + " does not answer: " + unanswered);
            }
        });
    }

    private List<MiniNode> running() {
        return network.servingNodes().stream().filter(MiniNode::isRunning).toList();
    }

    private void awaitConverged() {
        for (MiniNode node : network.servingNodes()) {
            try {
                await(node.nodeId() + " applies the committed configuration and Ratis follows it").atMost(CONVERGE)
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                            ChannelConfig config = network.currentConfig();
                            ChannelStatus s = status(node);
                            return s.getConfigVersion() == config.getVersion()
                                    && Set.copyOf(s.getPeersList()).equals(voters(config))
                                    && Set.copyOf(s.getLearnersList()).equals(learners(config));
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // a rare run ends here (a restarted former leader): say what each node reported, or why it did not
                try {
                    ChannelConfig config = network.currentConfig();
                    System.err.println("committed configuration " + config.getVersion() + ": voters " + voters(config)
                            + ", learners " + learners(config));
                } catch (RuntimeException unanswered) {
                    System.err.println("no committed configuration read: " + unanswered);
                }
                printStatuses("node");
                throw e;
            }
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
