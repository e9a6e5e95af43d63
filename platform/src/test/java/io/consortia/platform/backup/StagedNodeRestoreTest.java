package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.deploy.NodeLifecycle;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.protocol.v1.RestoreOutcome;
import io.consortia.protocol.v1.StagedChannel;
import io.consortia.protocol.v1.StagedRestore;
import io.consortia.sdk.AdminClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's half of a restore applied by the node itself: the archive is sent, the node
 * restarted, and the step that follows fails unless the node says it applied that very archive.
 */
class StagedNodeRestoreTest {
    private static final String SHA = "ab".repeat(32);
    private final NodeRecord node = new NodeRecord(1, "c1-org2-0", 1, 2, "c1-org2-0.ns", 7051, 7052, 9100,
            "ns/c1-org2-0", "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
    private final NodeBackupRecord backup = new NodeBackupRecord(7, 1, "c1-org2-0", 1024, SHA,
            List.of(new NodeBackupRecord.ChannelState("main", 12, "cd".repeat(32), 40)), "bob", 0, true);
    private final AdminClient admin = mock(AdminClient.class);
    private final RecordingSteps steps = new RecordingSteps();
    private StagedNodeRestore restore;

    @BeforeEach
    void setUp() {
        NetworkClients clients = mock(NetworkClients.class);
        when(clients.admin(node)).thenReturn(admin);
        when(admin.stageRestore(any(Path.class), any(String.class))).thenReturn(StagedRestore.newBuilder()
                .setSha256(SHA).addChannels(StagedChannel.newBuilder().setName("main").setHeight(12)).build());
        restore = new StagedNodeRestore(clients);
    }

    @Test
    void the_archive_is_sent_then_the_node_restarted_and_its_applied_restore_checked() {
        answers(RestoreOutcome.newBuilder().setSha256(SHA).setApplied(true).build());

        restore.restore(steps, node, backup, Path.of("b.tar.gz"));

        assertThat(steps.done).containsExactly("Send backup 7 to c1-org2-0: checked and kept by the node: main",
                "stop", "start", "awaitServing",
                "Check that c1-org2-0 applied backup 7: channels at the backup's heights (main 12)");
    }

    @Test
    void a_node_that_could_not_apply_it_fails_the_step_with_its_reason() {
        answers(RestoreOutcome.newBuilder().setSha256(SHA).setApplied(false)
                .setReason("channel main: the ledger is in use").build());

        assertThatThrownBy(() -> restore.restore(steps, node, backup, Path.of("b.tar.gz")))
                .hasMessage("c1-org2-0 could not apply backup 7: channel main: the ledger is in use; it runs on its "
                        + "previous ledgers");
    }

    @Test
    void a_node_that_started_without_applying_it_fails_the_step() {
        answers(RestoreOutcome.getDefaultInstance());

        assertThatThrownBy(() -> restore.restore(steps, node, backup, Path.of("b.tar.gz")))
                .hasMessage("c1-org2-0 started again without applying backup 7; it runs on its previous ledgers");
    }

    private void answers(RestoreOutcome outcome) {
        when(admin.status()).thenReturn(io.consortia.protocol.v1.NodeStatus.newBuilder().setNodeId(node.nodeId())
                .setLastRestore(outcome).build());
    }

    /** Runs each step and records its name and detail, and the node operations in between. */
    private static final class RecordingSteps implements NodeLifecycle.Steps {
        final List<String> done = new ArrayList<>();

        @Override
        public <T> T step(String name, String nodeId, Supplier<T> work) {
            T result = work.get();
            done.add(name + ": " + result);
            return result;
        }

        @Override
        public void stop(NodeRecord node) {
            done.add("stop");
        }

        @Override
        public void start(NodeRecord node) {
            done.add("start");
        }

        @Override
        public void awaitServing(NodeRecord node) {
            done.add("awaitServing");
        }
    }
}
