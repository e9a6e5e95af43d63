package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.node.config.ConfigException;
import io.consortia.platform.system.PlatformProperties;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void the_boot_jars_libraries_are_copied_out_once_in_classpath_order() throws IOException {
        Path bootJar = bootJar("- \"BOOT-INF/lib/b.jar\"\n- \"BOOT-INF/lib/a.jar\"\n");
        NodeRuntime runtime = new NodeRuntime(properties());

        String classpath = runtime.extract(bootJar);

        List<String> jars = List.of(classpath.split(File.pathSeparator));
        assertThat(jars).hasSize(2);
        assertThat(Path.of(jars.get(0))).hasFileName("b.jar").hasContent("bee");
        assertThat(Path.of(jars.get(1))).hasFileName("a.jar").hasContent("ay");
        assertThat(jars.get(0)).startsWith(dir.resolve("data").resolve("node-runtime").toAbsolutePath().toString());

        try (var copied = Files.walk(dir.resolve("data").resolve("node-runtime"))) {
            assertThat(copied.toList()).as("created owner-only, not with the umask").hasSizeGreaterThan(5)
                    .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                            .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }

        Files.writeString(Path.of(jars.get(0)), "kept");
        assertThat(runtime.extract(bootJar)).as("the same build is not copied again").isEqualTo(classpath);
        assertThat(Path.of(jars.get(0))).hasContent("kept");
    }

    @Test
    void a_node_command_loads_rocksdb_s_library_from_the_runtime_directory() {
        NodeRuntime runtime = new NodeRuntime(properties());

        List<String> command = runtime.command("org1-node0", dir.resolve("org1-node0"));

        assertThat(command).anyMatch(o -> o.startsWith("-Djava.library.path="
                + dir.resolve("data").resolve("node-runtime").resolve("native").toAbsolutePath()));
    }

    @Test
    void nodes_run_on_the_configured_jdk_and_a_directory_without_one_stops_the_platform() throws IOException {
        Path jdk = jdk("25.0.3");

        List<String> command = new NodeRuntime(properties(jdk.toString())).command("org1-node0", dir.resolve("n"));

        assertThat(command.get(0)).isEqualTo(jdk.resolve("bin").resolve("java").toAbsolutePath().toString());
        assertThat(new NodeRuntime(properties()).command("org1-node0", dir.resolve("n")).get(0))
                .as("by default the platform's own java")
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThatThrownBy(() -> new NodeRuntime(properties(dir.resolve("no-jdk").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no JDK at");
    }

    @Test
    void a_node_recording_the_class_archive_at_exit_gets_the_time_to_write_it_when_stopped() throws IOException {
        Path jdk = jdk("25.0.3");
        Files.writeString(Files.createDirectories(jdk.resolve("lib").resolve("server")).resolve("classes.jsa"), "base");
        Path jar = Files.writeString(dir.resolve("node.jar"), "classes");
        NodeRuntime runtime = new NodeRuntime(properties(jdk.toString(), jar.toString()));

        List<String> recording = runtime.command("org1-node0", dir.resolve("a"));
        List<String> mapping = runtime.command("org2-node0", dir.resolve("b"));

        assertThat(recording).as("on Java 25 the first node records at exit")
                .anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(mapping).noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(runtime.stopGrace("org1-node0")).isEqualTo(NodeRuntime.RECORDING_STOP_GRACE)
                .isGreaterThan(NodeRuntime.STOP_GRACE);
        assertThat(runtime.stopGrace("org2-node0")).isEqualTo(NodeRuntime.STOP_GRACE);

        runtime.exited("org1-node0");
        assertThat(runtime.stopGrace("org1-node0")).as("once it has exited, a restart records nothing")
                .isEqualTo(NodeRuntime.STOP_GRACE);
    }

    private Path jdk(String version) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-" + version));
        Path java = Files.writeString(Files.createDirectories(jdk.resolve("bin")).resolve("java"), "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return jdk;
    }

    private Path bootJar(String classpathIndex) throws IOException {
        Path jar = dir.resolve("platform.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream boot = new JarOutputStream(out)) {
            entry(boot, "BOOT-INF/classes/io/consortia/X.class", "x");
            entry(boot, "BOOT-INF/lib/a.jar", "ay");
            entry(boot, "BOOT-INF/lib/b.jar", "bee");
            entry(boot, "BOOT-INF/classpath.idx", classpathIndex);
        }
        return jar;
    }

    private static void entry(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    private PlatformProperties properties() {
        return properties("");
    }

    private PlatformProperties properties(String javaHome) {
        return properties(javaHome, "");
    }

    private PlatformProperties properties(String javaHome, String classpath) {
        return new PlatformProperties(dir.resolve("data"), "", "",
                new PlatformProperties.Security(Duration.ofHours(1), 1000, PlatformProperties.SignIn.defaults()),
                new PlatformProperties.Node(List.of(), 20000, 20100, Duration.ofSeconds(5), Duration.ofSeconds(2), 5,
                        classpath, javaHome, Duration.ofSeconds(30), Duration.ofMinutes(10)),
                new PlatformProperties.Explorer(Duration.ofSeconds(5)),
                new PlatformProperties.Gateways(8, Duration.ofMinutes(5)));
    }
}
