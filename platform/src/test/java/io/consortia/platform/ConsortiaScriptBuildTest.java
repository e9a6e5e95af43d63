package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./consortia} builds before it runs, in a copy of the script beside a Maven Wrapper
 * that only records how it was called. A tester's platform broke (NoClassDefFoundError) after
 * {@code ./consortia verify} built the CLI: the CLI's build pulled module platform in and replaced
 * the jar the running platform loads its classes from; {@code backup} or {@code manifests} after a
 * {@code git pull} rebuilt that jar too.
 */
class ConsortiaScriptBuildTest {
    private static final Path SCRIPT = Path.of("..", "consortia").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path jar;
    private Path calls;
    private Process platform;

    @BeforeEach
    void checkout() throws Exception {
        Files.copy(SCRIPT, root.resolve("consortia"));
        calls = root.resolve("mvnw-calls");
        Path mvnw = root.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(mvnw, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        jar = Files.createDirectories(root.resolve("platform/target")).resolve("consortia-platform.jar");
        Files.writeString(jar, "not really a jar");
        run("git", "init", "-q");
        run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "newer");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z"))); // older than HEAD
    }

    @AfterEach
    void stopPlatform() throws Exception {
        if (platform != null) {
            platform.destroyForcibly().waitFor();
        }
    }

    @Test
    void a_jar_a_running_platform_uses_is_not_rebuilt_under_it() throws Exception {
        // a process whose command line is the platform's, as 'exec java -jar <jar>' runs it
        platform = new ProcessBuilder("bash", "-c", "exec -a 'java -jar " + jar + "' sleep 120").start();

        String output = run("bash", root.resolve("consortia").toString(), "manifests", "--help");

        assertThat(output).contains("a platform runs from that build (pid " + platform.pid() + ")");
        assertThat(calls).as("the Maven Wrapper was not called").doesNotExist();
    }

    @Test
    void an_older_jar_without_a_platform_running_is_rebuilt() throws Exception {
        String output = run("bash", root.resolve("consortia").toString(), "manifests", "--help");

        assertThat(output).contains("rebuilding");
        assertThat(Files.readString(calls)).contains("-pl platform -am install");
    }

    @Test
    void building_the_cli_leaves_module_platform_alone() throws Exception {
        run("bash", root.resolve("consortia").toString(), "verify", "--help");

        assertThat(Files.readString(calls)).contains("-pl cli -am install").contains("-Dconsortia.cli.only");
        // and that property takes module platform out of the CLI's build (cli/pom.xml)
        assertThat(Files.readString(Path.of("..", "cli", "pom.xml"))).containsIgnoringWhitespaces(
                "<activation><property><name>!consortia.cli.only</name></property></activation>");
    }

    private String run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(root.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return output;
    }
}
