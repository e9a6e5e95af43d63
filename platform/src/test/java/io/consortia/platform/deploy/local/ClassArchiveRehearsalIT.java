package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The rehearsal with a real node process: from plain jars (this JVM's, as the platform's
 * executable jar provides them once copied out), one throwaway node serves, records the class
 * archive and is gone; the next launch maps the archive.
 */
class ClassArchiveRehearsalIT {
    @TempDir
    Path dir;

    @Test
    void a_throwaway_node_records_the_archive_that_the_next_node_maps() throws Exception {
        String jars = jars();
        assertThat(jars).contains("consortia-node");
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("archives"));
        List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        SharedClassArchive.Launch launch = archive.launch(jars, options);
        assertThat(launch.recording()).isNotNull();

        boolean recorded = ClassArchiveRehearsal.run(archive, launch, jars, options, dir.resolve("rehearsal"));

        assertThat(recorded).isTrue();
        assertThat(dir.resolve("rehearsal")).as("the throwaway node's files are gone").doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("archives"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        assertThat(archive.launch(jars, options).options().get(0)).startsWith("-XX:SharedArchiveFile=");
    }

    /**
     * The platform stops while the rehearsal's node runs (it runs on a background thread, which
     * dies with the JVM without its finally): the node must stop too, not run on as an orphan.
     */
    @Test
    void a_platform_that_exits_mid_rehearsal_takes_the_rehearsal_node_with_it() throws Exception {
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitMidRehearsal.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long node;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(platform.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("rehearsal-node "));
            assertThat(line).as("the child JVM started a rehearsal node").isNotNull();
            node = Long.parseLong(line.substring("rehearsal-node ".length()).trim());
            assertThat(platform.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            platform.destroyForcibly();
        }

        try {
            org.awaitility.Awaitility.await("the rehearsal node stops with the platform")
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.of(node).map(p -> !p.isAlive()).orElse(true));
        } finally {
            ProcessHandle.of(node).ifPresent(ProcessHandle::destroyForcibly); // no orphan even when this fails
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
            List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            SharedClassArchive.Launch launch = archive.launch(jars, options);
            Thread rehearsal = new Thread(() -> ClassArchiveRehearsal.run(archive, launch, jars, options,
                    dir.resolve("rehearsal-exit")), "rehearsal");
            rehearsal.setDaemon(true);
            rehearsal.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            java.util.Optional<ProcessHandle> node = java.util.Optional.empty();
            // the node has started its JVM (half a second of its CPU): the rehearsal is past its start
            while (System.nanoTime() < deadline && node.flatMap(n -> n.info().totalCpuDuration())
                    .map(cpu -> cpu.toMillis() < 500).orElse(true)) {
                node = ProcessHandle.current().children().findFirst();
                Thread.onSpinWait();
            }
            System.out.println("rehearsal-node " + node.orElseThrow().pid());
            System.out.flush();
            System.exit(0);
        }
    }
}
