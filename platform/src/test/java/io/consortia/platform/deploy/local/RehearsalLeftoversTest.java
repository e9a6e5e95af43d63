package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform killed during its class archive rehearsal left the rehearsal's two node JVMs running
 * through seven restarts, on ports outside the configured range (found by a tester). The next
 * start stops them, and only them.
 */
class RehearsalLeftoversTest {
    @TempDir
    Path dir;
    private Process leftover;
    private Process realNode;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {leftover, realNode}) {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static Process node(Path config) throws Exception {
        return new ProcessBuilder("bash", "-c", "exec -a 'java -cp x " + NodeCommand.NODE_MAIN + " --config " + config
                + "' sleep 120").start();
    }

    @Test
    void the_rehearsal_s_leftover_nodes_are_stopped_and_a_network_s_node_is_not() throws Exception {
        Path rehearsal = dir.resolve("node-runtime/rehearsal");
        leftover = node(rehearsal.resolve("a/node.yaml"));
        realNode = node(dir.resolve("networks/consortium-1/c1-org1-0/node.yaml"));

        assertThat(ClassArchiveRehearsal.stopLeftovers(rehearsal)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> !leftover.isAlive());
        assertThat(realNode.isAlive()).isTrue();
    }
}
