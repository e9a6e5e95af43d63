package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
            // written with the umask (0644) while it runs, as a node writes its ledger or H2 its trace file
            Path late = Files.writeString(data.resolve("networks/consortium-1/c1-org1-0/000042.sst"), "ledger");
            assertThat(Files.getPosixFilePermissions(late)).contains(PosixFilePermission.OTHERS_READ);

            platform.terminate();

            assertThat(platform.log()).as("its last words").contains("The platform stopped, but the 2 node(s) it"
                    + " started keep running: c1-org1-0 (process " + nodes.get(0).pid() + "), c1-org1-1 (process "
                    + nodes.get(1).pid() + ")").contains("./consortia stop --all");
            assertThat(nodes).allMatch(Process::isAlive);
            try (Stream<Path> all = Files.walk(data)) {
                assertThat(all.toList()).as("the data directory after the stop").contains(late)
                        .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                                .as(p.toString()).matches(Files.isDirectory(p) ? "rwx------" : "rw[-x]------"));
            }
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
