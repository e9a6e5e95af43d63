package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform restored from a backup on the same machine found a node running under a pid other than
 * the one its backup recorded (the node had been restarted after the backup), took it for stopped,
 * and started a second process on the node's live directory: it crash-looped on the node's ports and
 * RocksDB lock, and the real node's Raft log was damaged (found by a tester). The node's process is
 * found by its configuration when the recorded pid is stale.
 */
class LocalDeployerStalePidTest {
    @TempDir
    Path dir;
    private Process node;
    private Process other;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {node, other}) {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** A process whose command line is a node's, as the local deployer starts it. */
    private static Process running(String commandLine) throws Exception {
        return new ProcessBuilder("bash", "-c", "exec -a '" + commandLine + "' sleep 120").start();
    }

    private NodeRecord record(Path directory, Long pid) {
        return new NodeRecord(1, "c1-beta-0", 1, 2, "127.0.0.1", 1, 2, 3, directory.toString(), "RUNNING",
                NodeStatus.RUNNING, pid, 0, null, 0);
    }

    @Test
    void a_node_running_under_another_pid_than_recorded_is_running_and_its_pid_is_the_live_one() throws Exception {
        Path beta = dir.resolve("c1-beta-0");
        node = running("java -cp x " + NodeCommand.NODE_MAIN + " --config " + beta.resolve(NodeFiles.CONFIG));
        other = running("sleep-not-a-node"); // the stale pid now belongs to some other process
        LocalDeployer deployer = new LocalDeployer(mock(PlatformProperties.class), mock(PortAllocator.class),
                mock(NodeRuntime.class));

        NodeRecord stale = record(beta, other.pid());

        assertThat(deployer.isRunning(stale)).isTrue();
        assertThat(deployer.pidOf(stale)).isEqualTo(node.pid());
    }

    @Test
    void another_node_s_process_is_not_taken_for_this_one() throws Exception {
        node = running("java -cp x " + NodeCommand.NODE_MAIN + " --config " + dir.resolve("c1-beta-01")
                .resolve(NodeFiles.CONFIG));
        LocalDeployer deployer = new LocalDeployer(mock(PlatformProperties.class), mock(PortAllocator.class),
                mock(NodeRuntime.class));

        assertThat(deployer.isRunning(record(dir.resolve("c1-beta-0"), null))).isFalse();
    }
}
