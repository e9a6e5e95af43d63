package io.consortia.node.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void a_classpath_with_a_directory_gets_no_options() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        Path classes = Files.createDirectories(dir.resolve("classes"));

        SharedClassArchive archive = new SharedClassArchive(dir.resolve("cds"));

        assertThat(options(archive, jar + java.io.File.pathSeparator + classes)).isEmpty();
        assertThat(options(archive, "")).isEmpty();
        assertThat(dir.resolve("cds")).doesNotExist();
    }

    @Test
    void nodes_on_java_25_or_later_record_at_exit_even_with_jcmd_at_hand() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        Path jcmd = Files.writeString(dir.resolve("jcmd"), "#!/bin/sh\n");
        assertThat(jcmd.toFile().setExecutable(true)).isTrue();

        SharedClassArchive.Launch on17 = new SharedClassArchive(dir.resolve("cds17"), release(17), jcmd).launch(jar.toString(),
                List.of());
        SharedClassArchive.Launch on25 = new SharedClassArchive(dir.resolve("cds25"), release(25), jcmd).launch(jar.toString(),
                List.of());

        assertThat(on17.live()).isTrue();
        assertThat(on17.options()).contains("-XX:+RecordDynamicDumpInfo");
        // a Java 25 node dumped live died of a SIGSEGV at its next lambda: it records at exit instead
        assertThat(on25.live()).isFalse();
        assertThat(on25.options()).doesNotContain("-XX:+RecordDynamicDumpInfo");
        assertThat(on25.options().get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(on25.recording()).isNotNull();
    }

    @Test
    void an_archive_belongs_to_the_jdk_that_runs_the_nodes() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        NodeJdk current = NodeJdk.current();
        SharedClassArchive.Launch own = atExit().launch(jar.toString(), List.of());
        SharedClassArchive other = new SharedClassArchive(dir.resolve("cds"),
                new NodeJdk(current.home(), current.release(), current.version() + "-other-build"),
                dir.resolve("no-jcmd"));

        // another build of the JDK may not map this one's archive: it records its own
        SharedClassArchive.Launch theirs = other.launch(jar.toString(), List.of());
        assertThat(theirs.recording()).isNotNull().isNotEqualTo(own.recording());
    }

    @Test
    void the_first_launch_records_the_archive_others_wait_and_a_settled_dump_is_then_mapped() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = atExit();

        List<String> first = options(archive, jar.toString());
        assertThat(first.get(0)).startsWith("-XX:ArchiveClassesAtExit=").endsWith(".dump");
        assertThat(first).contains("-Xlog:cds=off");
        assertThat(options(archive, jar.toString())).as("one writer at a time").isEmpty();

        Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(dump, "archive");
        assertThat(options(archive, jar.toString())).as("a dump still being written is not used").isEmpty();

        Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minus(SharedClassArchive.SETTLED).minusSeconds(1)));
        List<String> later = options(archive, jar.toString());
        assertThat(later.get(0)).startsWith("-XX:SharedArchiveFile=").endsWith(".jsa");
        assertThat(dump).doesNotExist();
        assertThat(dump.resolveSibling(dump.getFileName().toString().replace(".dump", ".claim")))
                .as("the claim is released with the archive in place").doesNotExist();
        assertThat(Path.of(later.get(0).substring("-XX:SharedArchiveFile=".length()))).hasContent("archive");
    }

    @Test
    void a_new_archive_prunes_all_but_the_newest_older_ones() throws IOException {
        Path cds = Files.createDirectories(dir.resolve("cds"));
        List<Path> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path archive = Files.writeString(cds.resolve("node-old" + i + ".jsa"), "old");
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600 - i * 60L)));
            old.add(archive);
        }
        Path other = Files.writeString(cds.resolve("unrelated.txt"), "kept");
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = atExit();
        Path dump = Path.of(options(archive, jar.toString()).get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(dump, "archive");

        archive.recorded(dump);

        assertThat(old.subList(0, 3)).as("the oldest").allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(old.subList(3, 5)).as("the newest older ones").allSatisfy(p -> assertThat(p).exists());
        assertThat(options(archive, jar.toString()).get(0)).startsWith("-XX:SharedArchiveFile=");
        assertThat(other).exists();
    }

    @Test
    void no_sharing_when_the_configured_options_turn_it_off() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");

        assertThat(new SharedClassArchive(dir.resolve("cds")).launch(jar.toString(), List.of("-Xmx1g", "-Xshare:off")))
                .isEqualTo(SharedClassArchive.Launch.NONE);
    }

    @Test
    void no_automatic_archive_beside_an_ahead_of_time_cache_or_an_archive_of_the_operator() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("cds"));

        for (String option : List.of("-XX:AOTCache=/x/node.aot", "-XX:AOTCacheOutput=/x/node%p.aot",
                "-XX:AOTMode=off", "-XX:SharedArchiveFile=/x/own.jsa")) {
            assertThat(archive.launch(jar.toString(), List.of("-Xmx1g", option))).as(option)
                    .isEqualTo(SharedClassArchive.Launch.NONE);
        }
        assertThat(SharedClassArchive.managesSharing(List.of("-Xmx1g", "-XX:+UseG1GC"))).isFalse();
    }

    @Test
    void a_changed_jar_gets_a_new_archive() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = atExit();
        String before = options(archive, jar.toString()).get(0);

        Files.writeString(jar, "rebuilt");

        assertThat(options(archive, jar.toString())).first().asString()
                .startsWith("-XX:ArchiveClassesAtExit=").isNotEqualTo(before);
    }

    @Test
    void a_released_claim_lets_the_next_launch_record() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = atExit();
        SharedClassArchive.Launch first = archive.launch(jar.toString(), List.of());
        assertThat(archive.launch(jar.toString(), List.of())).isEqualTo(SharedClassArchive.Launch.NONE);

        archive.release(first);

        assertThat(archive.launch(jar.toString(), List.of()).recording()).isEqualTo(first.recording());
    }

    @Test
    void an_abandoned_claim_is_taken_over() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        SharedClassArchive archive = atExit();
        options(archive, jar.toString());
        try (var claims = Files.list(dir.resolve("cds"))) {
            Path claim = claims.filter(p -> p.toString().endsWith(".claim")).findFirst().orElseThrow();
            Files.setLastModifiedTime(claim,
                    FileTime.from(Instant.now().minus(SharedClassArchive.ABANDONED).minusSeconds(1)));
        }

        assertThat(options(archive, jar.toString())).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    /** The options work on this JDK: a JVM records the archive at exit and the next one maps it. */
    @Test
    void a_real_jvm_records_the_archive_at_exit_and_the_next_one_maps_it() throws Exception {
        Path jar = helloJar(false);
        SharedClassArchive archive = atExit();

        SharedClassArchive.Launch recording = archive.launch(jar.toString(), List.of());
        assertThat(recording.live()).isFalse();
        assertThat(run(recording.options(), jar).waitFor()).isZero();
        assertThat(Files.size(recording.recording())).isPositive();
        archive.recorded(recording.recording()); // the process has exited: usable at once

        assertMapped(archive, jar);
    }

    /** With jcmd (every JDK has it): a running JVM writes the archive on request and keeps running. */
    @Test
    void a_running_jvm_writes_the_archive_on_request() throws Exception {
        Path jar = helloJar(true);
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("cds"));

        SharedClassArchive.Launch recording = archive.launch(jar.toString(), List.of());
        assertThat(recording.live()).isTrue();
        assertThat(recording.options()).contains("-XX:+RecordDynamicDumpInfo");
        Process running = run(recording.options(), jar);
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(running.getInputStream(),
                    StandardCharsets.UTF_8)).readLine()).isEqualTo("hello");
            assertThat(archive.dumpLive(running.pid(), recording.recording())).isTrue();
            assertThat(running.isAlive()).isTrue();
        } finally {
            running.destroyForcibly().waitFor();
        }

        assertMapped(archive, jar);
    }

    private void assertMapped(SharedClassArchive archive, Path jar) throws Exception {
        List<String> mapped = new ArrayList<>(options(archive, jar.toString()));
        assertThat(mapped.get(0)).startsWith("-XX:SharedArchiveFile=");
        mapped.add("-Xshare:on"); // fail, rather than run without it, if the archive cannot be mapped
        Process process = run(mapped, jar);
        process.getOutputStream().close(); // a Hello that waits for its input ends now
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("output with %s", mapped).startsWith("hello");
        assertThat(process.exitValue()).isZero();
    }

    private static List<String> options(SharedClassArchive archive, String classpath) {
        return archive.launch(classpath, List.of()).options();
    }

    /** This JVM's JDK (its base archive is real) as if it were of another release. */
    private static NodeJdk release(int feature) {
        NodeJdk current = NodeJdk.current();
        return new NodeJdk(current.home(), feature, current.version());
    }

    private SharedClassArchive atExit() {
        return new SharedClassArchive(dir.resolve("cds"), dir.resolve("no-jcmd"));
    }

    /** A jar whose main prints hello and, if asked to, waits for its input to close. */
    private Path helloJar(boolean waits) throws IOException {
        Path src = Files.writeString(dir.resolve("Hello.java"), "public class Hello { public static void main(String[] a)"
                + " throws Exception { System.out.println(\"hello\"); System.out.flush();"
                + (waits ? " System.in.read();" : "") + " } }");
        Path classes = Files.createDirectories(dir.resolve("out"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertThat(status).isZero();
        Path jar = dir.resolve("hello.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("Hello.class"));
            jarOut.write(Files.readAllBytes(classes.resolve("Hello.class")));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static Process run(List<String> options, Path jar) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), "Hello"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
