package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform stopped as a person stops it, in a JVM of its own ({@link PlatformProcess}), while
 * it supervises nodes: with SIGTERM (Ctrl-C, {@code kill}) and with {@code ./consortia stop --all}, also
 * after it was killed.
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
                    + nodes.get(1).pid() + ")").contains("./consortia stop --all --data-dir " + data.toAbsolutePath());
            assertThat(nodes).allMatch(Process::isAlive);
            try (Stream<Path> all = Files.walk(data)) {
                assertThat(all.toList()).as("the data directory after the stop").contains(late)
                        .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                                .as(p.toString()).matches(Files.isDirectory(p) ? "rwx------" : "rw[-x]------"));
            }
        }
    }

    /**
     * A platform restored on the same machine into another data directory supervises the nodes
     * whose directories are in the old one ({@code docs/backup-and-restore.md}); stopping it with
     * {@code --all} stops them too.
     */
    @Test
    void stop_all_stops_the_nodes_of_a_restored_platform_where_their_directories_are() throws Exception {
        Path restored = dir.resolve("restored");
        try (PlatformProcess platform = new PlatformProcess(restored)) {
            List<Process> nodes = standInNodes(platform, dir.resolve("data").resolve("networks").resolve("consortium-1"));
            platform.start();
            assertThat(platform.log()).contains("Adopted running node c1-org1-0", "Adopted running node c1-org1-1");

            String output = stopAll(restored);

            assertThat(output).contains("stopping the platform (process " + platform.pid() + ")")
                    .contains("stopping 2 node(s)");
            platform.awaitExit();
            await("both nodes stopped").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(nodes).noneMatch(Process::isAlive));
        }
    }

    /** Killed (-9, out of memory), the platform leaves its list of nodes, and {@code stop --all} still finds them. */
    @Test
    void stop_all_finds_the_nodes_of_a_restored_platform_that_was_killed() throws Exception {
        Path restored = dir.resolve("restored");
        try (PlatformProcess platform = new PlatformProcess(restored)) {
            List<Process> nodes = standInNodes(platform, dir.resolve("data").resolve("networks").resolve("consortium-1"));
            platform.start();
            platform.kill();

            String output = stopAll(restored);

            assertThat(output).doesNotContain("stopping the platform").contains("stopping 2 node(s)");
            await("both nodes stopped").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(nodes).noneMatch(Process::isAlive));
        }
    }

    private static String stopAll(Path dataDir) throws Exception {
        Process stop = new ProcessBuilder("bash", Path.of("..", "consortia").toString(), "stop", "--all",
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stop.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(stop.exitValue()).as(output).isZero();
        return output;
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
