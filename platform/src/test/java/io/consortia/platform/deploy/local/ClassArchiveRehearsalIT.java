package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.consortia.common.DaemonThreads;
import io.consortia.common.Poll;
import io.consortia.node.launch.NodeJdk;
import io.consortia.node.launch.SharedClassArchive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal with real node processes: from plain jars (this JVM's, as the platform's
 * executable jar provides them once copied out), two throwaway nodes serve, create a channel,
 * elect a leader and commit a transaction; the leader records the class archive and both are
 * gone; the next launch maps the archive.
 */
class ClassArchiveRehearsalIT {
    private static final Path JAVA = NodeJdk.current().java();

    @TempDir
    Path dir;

    @Test
    void throwaway_nodes_record_the_archive_of_a_channel_s_first_seconds_that_the_next_node_maps() throws Exception {
        String jars = jars();
        assertThat(jars).contains("consortia-node");
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("archives"));
        List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC");
        SharedClassArchive.Launch launch = archive.launch(jars, options);
        assertThat(launch.recording()).isNotNull();

        boolean recorded = ClassArchiveRehearsal.run(archive, launch, JAVA, jars, options,
                dir.resolve("rehearsal"));

        assertThat(recorded).isTrue();
        assertThat(dir.resolve("rehearsal")).as("the throwaway node's files are gone").doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("archives"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        String mapped = archive.launch(jars, options).options().get(0);
        assertThat(mapped).startsWith("-XX:SharedArchiveFile=");
        String archived = archivedClasses(mapped, jars);
        List<String> path = List.of("io.consortia.node.consensus.ChannelStateMachine", // a channel was created
                "org.apache.ratis.grpc.server.GrpcLogAppender", // its leader replicated to a peer
                "io.consortia.node.contracts.NotarizationContract", // a transaction was executed
                "io.consortia.node.ledger.ChannelLedger");
        assertThat(path.stream().filter(c -> !archived.contains(" " + c + " ")).toList())
                .as("classes of a channel's first seconds missing from the archive").isEmpty();
    }

    /**
     * Nodes configured to run on a newer JDK than the platform ({@code consortia.node.java-home}):
     * on Java 25 the archive is recorded when the rehearsal's node exits (a live dump crashed a
     * Java 25 node), and the next node of that JDK maps it. Needs a JDK of release 25 or later
     * beside the one running the tests ({@code CONSORTIA_TEST_NEWER_JDK}, or one under /usr/lib/jvm).
     */
    @Test
    void on_a_newer_jdk_the_rehearsal_records_the_archive_at_exit_and_that_jdk_s_nodes_map_it() throws Exception {
        NodeJdk newer = newerJdk();
        assumeTrue(newer != null, "no JDK of release 25 or later beside this one");
        String jars = jars();
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("archives-newer"), newer);
        List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC");
        SharedClassArchive.Launch launch = archive.launch(jars, options);
        assertThat(launch.live()).as("Java %d records at exit", newer.release()).isFalse();

        boolean recorded = ClassArchiveRehearsal.run(archive, launch, newer.java(), jars, options,
                dir.resolve("rehearsal-newer"));

        assertThat(recorded).isTrue();
        String mapped = archive.launch(jars, options).options().get(0);
        assertThat(mapped).startsWith("-XX:SharedArchiveFile=");
        assertThat(archivedClasses(newer.java(), mapped, jars)).contains(" io.consortia.node.ledger.ChannelLedger ");
        assertThat(new SharedClassArchive(dir.resolve("archives-newer")).launch(jars, options).recording())
                .as("this JVM's JDK does not take the newer one's archive").isNotNull();
    }

    /** A JDK of release 25 or later, and not this JVM's, or null. */
    private static NodeJdk newerJdk() throws java.io.IOException {
        String configured = System.getenv("CONSORTIA_TEST_NEWER_JDK");
        if (configured != null && !configured.isBlank()) {
            return NodeJdk.at(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isRegularFile(h.resolve("release")) && Files.isExecutable(h.resolve("bin/java")))
                    .map(NodeJdk::at)
                    .filter(j -> j.release() >= 25 && j.release() != Runtime.version().feature())
                    .findFirst().orElse(null);
        }
    }

    /** The application classes in an archive, as the JVM lists them ({@code -XX:+PrintSharedArchiveAndExit}). */
    private static String archivedClasses(String archiveOption, String jars) throws Exception {
        return archivedClasses(JAVA, archiveOption, jars);
    }

    private static String archivedClasses(Path launcher, String archiveOption, String jars) throws Exception {
        Process print = new ProcessBuilder(launcher.toString(),
                archiveOption, "-XX:+PrintSharedArchiveAndExit", "-cp", jars).redirectErrorStream(true).start();
        String out = new String(print.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(print.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /**
     * The platform stops while the rehearsal's node runs (it runs on a background thread, which
     * dies with the JVM without its finally): the nodes must stop too, not run on as orphans.
     */
    @Test
    void a_platform_that_exits_mid_rehearsal_takes_the_rehearsal_nodes_with_it() throws Exception {
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitMidRehearsal.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        List<Long> nodes;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(platform.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("rehearsal-node "));
            assertThat(line).as("the child JVM started a rehearsal node").isNotNull();
            nodes = Arrays.stream(line.substring("rehearsal-node ".length()).trim().split(" "))
                    .map(Long::parseLong).toList();
            assertThat(nodes).as("both rehearsal nodes had started").hasSize(2);
            assertThat(platform.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            platform.destroyForcibly();
        }

        try {
            org.awaitility.Awaitility.await("the rehearsal nodes stop with the platform")
                    .atMost(java.time.Duration.ofSeconds(120))
                    .until(() -> nodes.stream().noneMatch(n -> ProcessHandle.of(n).map(ProcessHandle::isAlive)
                            .orElse(false)));
        } finally {
            // no orphan even when this fails
            nodes.forEach(n -> ProcessHandle.of(n).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** This JVM's jars, as the platform's executable jar provides them once copied out. */
    static String jars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    /** A stand-in platform: starts the rehearsal in the background and exits once its node runs. */
    public static final class ExitMidRehearsal {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            String jars = jars();
            SharedClassArchive archive = new SharedClassArchive(dir.resolve("archives-exit"));
            List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC");
            SharedClassArchive.Launch launch = archive.launch(jars, options);
            DaemonThreads.start("rehearsal", () -> ClassArchiveRehearsal.run(archive, launch, JAVA, jars,
                    options, dir.resolve("rehearsal-exit")));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            // the node has started its JVM (half a second of its CPU): the rehearsal is past its start
            Poll.until(java.time.Duration.ofSeconds(60), java.time.Duration.ofMillis(10), () -> ProcessHandle.current()
                    .children().findFirst().filter(n -> n.info().totalCpuDuration()
                            .map(cpu -> cpu.toMillis() >= 500).orElse(false)).orElse(null)).orElseThrow();
            // the second node is started right after the first
            Poll.until(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    java.time.Duration.ofMillis(10),
                    () -> ProcessHandle.current().children().count() >= 2 ? Boolean.TRUE : null);
            System.out.println("rehearsal-node " + String.join(" ", ProcessHandle.current().children()
                    .map(p -> Long.toString(p.pid())).toList()));
            System.out.flush();
            System.exit(0);
        }
    }
}
