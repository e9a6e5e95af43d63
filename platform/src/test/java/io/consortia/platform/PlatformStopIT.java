package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform stopped as a person stops it, in a JVM of its own ({@link PlatformProcess}), while
 * it supervises nodes: with SIGTERM (Ctrl-C, {@code kill}).
 * The nodes are stand-ins the platform adopts at start, as it adopts the real ones it finds running.
 */
class PlatformStopIT {
    @TempDir
    Path dir;

    @Test
    void stopped_with_sigterm_it_says_which_of_its_nodes_keep_running() throws Exception {
        Path data = dir.resolve("data");
        try (PlatformProcess platform = new PlatformProcess(data)) {
            List<Process> nodes = standInNodes(platform, data.resolve("networks").resolve("consortium-1"));
            platform.start();
            assertThat(platform.log()).contains("Adopted running node c1-org1-0", "Adopted running node c1-org1-1");

            platform.terminate();

            assertThat(platform.log()).as("its last words").contains("The platform stopped, but the 2 node(s) it"
                    + " started keep running: c1-org1-0 (process " + nodes.get(0).pid() + "), c1-org1-1 (process "
                    + nodes.get(1).pid() + ")").contains("./consortia stop --all");
            assertThat(nodes).allMatch(Process::isAlive);
        }
    }

    /** Two running stand-in nodes with their files in {@code networkDirectory}, in the platform's database. */
    private static List<Process> standInNodes(PlatformProcess platform, Path networkDirectory) throws Exception {
        List<Path> directories = List.of(networkDirectory.resolve(PlatformProcess.nodeId(0)),
                networkDirectory.resolve(PlatformProcess.nodeId(1)));
        List<Process> nodes = new ArrayList<>();
        for (Path directory : directories) {
            nodes.add(platform.standInNode(directory));
        }
        platform.recordNodes(directories, nodes.stream().map(Process::pid).toList());
        return nodes;
    }
}
