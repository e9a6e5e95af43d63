package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's crash note quotes the run that crashed. Every run appends to the same
 * node.log, so its plain tail described a run killed before it wrote a line with an earlier run's
 * lines (the tester's "Crashed 5 times" note quoted the node's first run).
 */
class LocalDeployerRunLogTest {
    @TempDir
    Path dir;
    private NodeRuntime runtime;
    private LocalDeployer deployer;
    private NodeRecord node;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve(NodeFiles.LOG), "2026-12-06 00:21:45.319 INFO first run\n");
        runtime = mock(NodeRuntime.class);
        deployer = new LocalDeployer(mock(PlatformProperties.class), mock(PortAllocator.class), runtime);
        node = new NodeRecord(1, "c1-org3-0", 1, 3, "127.0.0.1", 1, 2, 3, dir.toString(), "RUNNING",
                NodeStatus.CRASHED, null, 1, null, 0);
    }

    private void run(String script) {
        when(runtime.command(anyString(), any())).thenReturn(List.of("sh", "-c", script));
        long pid = deployer.start(node);
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void a_crashed_run_is_described_by_its_own_lines() {
        run("echo 'second run: Timed out HEARTBEAT'");

        assertThat(deployer.lastRunLogs(node, 10)).isEqualTo("second run: Timed out HEARTBEAT");
        assertThat(deployer.logs(node, 10)).as("the whole log keeps both runs").contains("first run");
    }

    @Test
    void a_run_that_wrote_nothing_says_so_instead_of_quoting_an_earlier_run() {
        run("exit 137");

        assertThat(deployer.lastRunLogs(node, 10)).isEqualTo("(this run of the node wrote nothing to its log)");
    }
}
