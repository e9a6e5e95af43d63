package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * A node added to a running LOCAL network whose start fails before it joined a channel is taken
 * back out: its process stopped, its directory and record deleted, its certificates revoked, and
 * the operation FAILED saying why (with the log the deleted directory held) and that it was undone.
 * Before, a node whose process answered only after the wait stayed RUNNING on the Nodes tab,
 * serving no channel, and one whose process exited stayed FAILED until removed by hand. Deployment
 * service and node records (H2) are the platform's; the local target is a fake that records what
 * it was asked (the real one starts node JVMs; LivingNetworkIT adds nodes with it). A node whose
 * join of its channels fails leaves those it joined first (the channel membership is a mock).
 */
class LocalNodeAddUndoTest {
    private final FakeLocalTarget target = new FakeLocalTarget();
    private AddNodeFixture fixture;
    private DeploymentService deployments;
    private NodeRepository nodes;
    private long consortium;

    @BeforeEach
    void setUp() {
        fixture = new AddNodeFixture("LOCAL", consortia -> target, Duration.ofSeconds(1));
        deployments = fixture.deployments;
        nodes = fixture.nodes;
        consortium = fixture.consortium;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_node_that_does_not_answer_in_time_is_stopped_and_deleted_and_the_next_add_succeeds() {
        target.answers = false;

        Deployment failed = failedAndUndone();

        assertThat(failed.reason()).isEqualTo("Adding c" + consortium + "-org1-0 failed: Node c" + consortium
                + "-org1-0 did not answer its health check within 1 s; its log ends with:\nopening RocksDB\n"
                + "waiting for peers. The add was undone: c" + consortium + "-org1-0 is stopped, its directory and"
                + " record are deleted and its certificates revoked; the network is as it was");
        assertThat(failed.steps()).extracting(s -> s.name() + ": " + s.status()).containsSubsequence(
                "Start c" + consortium + "-org1-0: DONE", "Wait for c" + consortium + "-org1-0 to serve: FAILED",
                "Undo the add of c" + consortium + "-org1-0: stop its process: DONE",
                "Revoke the certificates of c" + consortium + "-org1-0: DONE", "Remove c" + consortium + "-org1-0: DONE");
        assertThat(target.running).isEmpty();
        verify(fixture.membership, never()).join(any(), any());
        // the reason reads in Chinese, the platform's sentence about the timeout inside it too
        String zh = new DeploymentTexts(io.consortia.platform.web.ConsoleTemplates.messages())
                .text(failed.reason(), Locale.SIMPLIFIED_CHINESE);
        assertThat(zh).startsWith("添加 c" + consortium + "-org1-0 失败：节点 c" + consortium
                + "-org1-0 在 1 秒内未应答健康检查；其日志结尾为：\nopening RocksDB\nwaiting for peers。已撤销该添加");

        target.answers = true;
        Deployment added = finished(deployments.addNode(fixture.leader, consortium, fixture.org1.id()));

        assertThat(added.status()).as(added.reason()).isEqualTo("SUCCEEDED");
        // never the index of a node the organisation had before: its peers would take it for the old one
        assertThat(nodes.ofConsortium(consortium)).extracting(NodeRecord::nodeId)
                .containsExactly("c" + consortium + "-org1-1");
        assertThat(target.running.keySet()).containsExactly("c" + consortium + "-org1-1");
    }

    @Test
    void a_node_whose_process_exits_during_start_is_deleted_and_the_reason_keeps_its_log() {
        target.exits = true;

        Deployment failed = failedAndUndone();

        assertThat(failed.reason()).startsWith("Adding c" + consortium + "-org1-0 failed: Node c" + consortium
                + "-org1-0 exited during start; its log says:\nopening RocksDB\nwaiting for peers. The add was undone");
    }

    @Test
    void a_node_whose_join_fails_leaves_the_channels_it_joined_and_is_deleted() {
        String nodeId = "c" + consortium + "-org1-0";
        when(fixture.membership.join(any(), any())).thenThrow(new IllegalStateException("Node " + nodeId
                + " did not catch up on channel trade within 60 s"));
        when(fixture.membership.leave(any(), any())).thenReturn("left trade");

        Deployment failed = failedAndUndone();

        assertThat(failed.reason()).isEqualTo("Adding " + nodeId + " failed: Node " + nodeId + " did not catch up on"
                + " channel trade within 60 s. The add was undone: " + nodeId + " is stopped, its directory and record"
                + " are deleted and its certificates revoked; the network is as it was");
        // out of the channels' Raft groups before it is stopped
        InOrder order = inOrder(fixture.membership, fixture.revocations);
        order.verify(fixture.membership).leave(argThat(n -> n.nodeId().equals(nodeId)), any());
        order.verify(fixture.revocations).revoke(any(), eq("alice"), eq(DeploymentService.NODE_ADD_FAILED));
        assertThat(target.running).isEmpty();
    }

    @Test
    void a_node_whose_join_fails_and_that_cannot_leave_stays_failed_for_its_removal() {
        String nodeId = "c" + consortium + "-org1-0";
        when(fixture.membership.join(any(), any())).thenThrow(new IllegalStateException("channel trade did not "
                + "commit the change"));
        when(fixture.membership.leave(any(), any())).thenThrow(new IllegalStateException("channel trade has no "
                + "leader"));

        Deployment failed = finished(deployments.addNode(fixture.leader, consortium, fixture.org1.id()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).isEqualTo("Adding " + nodeId + " failed: channel trade did not commit the change."
                + " Taking it back out failed too: channel trade has no leader. Remove " + nodeId + " (Remove on the "
                + "Nodes tab, or DELETE /api/v1/nodes/" + nodeId + ") to finish, then add the node again");
        NodeRecord left = nodes.byNodeId(nodeId).orElseThrow();
        assertThat(left.status()).isEqualTo(NodeStatus.FAILED);
        assertThat(left.lastError()).isEqualTo(failed.reason());
        verify(fixture.revocations, never()).revoke(any(), any(), any());
    }

    /** Adds the organisation's first node, whose add fails and is undone: no record, no directory, revoked. */
    /**
     * Found by a tester: a start whose one channel saw no leader (its other organisation had left)
     * failed and left the consortium STOPPED for good while every node ran, so nodes could not be
     * added, channels not created, and the explorer stopped following.
     */
    @Test
    void a_start_with_a_channel_without_leader_fails_and_leaves_the_network_that_runs_running() {
        assertThat(finished(deployments.addNode(fixture.leader, consortium, fixture.org1.id())).status())
                .isEqualTo("SUCCEEDED");
        clearInvocations(fixture.consortia);
        // the consortium's record as the real service keeps it: STOPPED, then what setStatus sets
        java.util.concurrent.atomic.AtomicReference<ConsortiumStatus> status =
                new java.util.concurrent.atomic.AtomicReference<>(ConsortiumStatus.STOPPED);
        when(fixture.consortia.get(consortium)).thenAnswer(call -> new Consortium(consortium, "Acme Trade",
                SchemeChoice.ECDSA_P256, 2, "RAFT", "LOCAL", fixture.org1.id(), status.get(), 0));
        org.mockito.Mockito.doAnswer(call -> {
            status.set(call.getArgument(1));
            return null;
        }).when(fixture.consortia).setStatus(org.mockito.ArgumentMatchers.eq(consortium),
                org.mockito.ArgumentMatchers.any(ConsortiumStatus.class));
        when(fixture.channels.awaitLeaders(consortium)).thenThrow(new IllegalStateException("Node c" + consortium
                + "-org1-0 did not see a leader of channel withc within 60 s"));

        Deployment started = finished(deployments.start(fixture.leader, consortium));

        assertThat(started.status()).isEqualTo("FAILED");
        assertThat(started.reason()).contains("leader of channel withc");
        assertThat(target.running.keySet()).containsExactly("c" + consortium + "-org1-0");
        assertThat(status.get()).isEqualTo(ConsortiumStatus.RUNNING);
    }

    private Deployment failedAndUndone() {
        Deployment failed = finished(deployments.addNode(fixture.leader, consortium, fixture.org1.id()));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(nodes.ofConsortium(consortium)).isEmpty();
        assertThat(target.removed).containsExactly("c" + consortium + "-org1-0");
        verify(fixture.revocations).revoke(any(), eq("alice"), eq(DeploymentService.NODE_ADD_FAILED));
        return failed;
    }

    private Deployment finished(Deployment started) {
        return fixture.finished(started);
    }

    /** A local target whose node processes start, and answer or exit as the test says. */
    private static final class FakeLocalTarget implements Deployer {
        volatile boolean answers = true;
        volatile boolean exits;
        final Map<String, Long> running = new ConcurrentHashMap<>();
        final List<String> removed = new ArrayList<>();
        private int port = 21000;

        @Override
        public String target() {
            return "LOCAL";
        }

        @Override
        public synchronized NodePlacement place(long consortiumId, String nodeId) {
            port += 3;
            return new NodePlacement("127.0.0.1", port, port + 1, port + 2, "/nonexistent/" + nodeId);
        }

        @Override
        public void install(NodeRecord node, NodeInstallation installation) {}

        @Override
        public long start(NodeRecord node) {
            if (!exits) {
                running.put(node.nodeId(), 4242L);
            }
            return 4242;
        }

        @Override
        public void stop(NodeRecord node) {
            running.remove(node.nodeId());
        }

        @Override
        public boolean isRunning(NodeRecord node) {
            return running.containsKey(node.nodeId());
        }

        @Override
        public boolean isServing(NodeRecord node) {
            return answers && isRunning(node);
        }

        @Override
        public NodeVitals vitals(NodeRecord node) {
            return NodeVitals.NONE;
        }

        @Override
        public synchronized void remove(NodeRecord node) {
            removed.add(node.nodeId());
        }

        @Override
        public String logs(NodeRecord node, int lines) {
            return "opening RocksDB\nwaiting for peers";
        }
    }
}
