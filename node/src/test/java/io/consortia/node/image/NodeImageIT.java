package io.consortia.node.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The node image that Maven built (profile {@code images}: jib:buildTar in the package phase,
 * path in {@code consortia.image.tar}) is a runnable container image: its layers, unpacked in
 * order, make a root file system in which the entrypoint from the image config, run as the
 * image's user in fresh mount and PID namespaces with that root (what a container runtime does,
 * minus cgroups and networking), starts the node far enough to print its version.
 *
 * <p>Needs root for the namespaces and chroot (so does a container runtime); CI runs as root.
 */
@EnabledIfSystemProperty(named = "consortia.image.tar", matches = ".+")
class NodeImageIT {

    /** Not JUnit's @TempDir: the root file system's many absolute symbolic links make it warn for each. */
    private Path work;

    @BeforeEach
    void createWorkDirectory() throws IOException {
        work = Files.createTempDirectory("node-image-");
    }

    @AfterEach
    void deleteWorkDirectory() throws Exception {
        ImageTar.run("rm", "-rf", "--one-file-system", "--", work.toString());
    }

    @Test
    void entrypointPrintsTheNodeVersionInsideTheUnpackedImage() throws Exception {
        assumeTrue(isRoot(), "unpacking an image and entering it with unshare --root needs root");
        Path tar = Path.of(System.getProperty("consortia.image.tar"));
        assertThat(tar).as("the image tar jib:buildTar writes in the package phase").isRegularFile();

        ImageTar image = ImageTar.open(tar, work.resolve("image"));
        assertThat(image.entrypoint()).as("entrypoint").contains("io.consortia.node.NodeMain");
        assertThat(image.entrypoint().get(0)).isEqualTo("java");
        String user = image.runConfig().path("User").asText();
        assertThat(user).as("the image runs as a non-root user").matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(image.runConfig().path("ExposedPorts").fieldNames()).toIterable()
                .contains("7051/tcp", "7052/tcp", "7053/tcp");
        assertThat(image.layerCount()).as("base layer(s) plus Jib's").isGreaterThan(1);

        Path rootfs = work.resolve("rootfs");
        image.unpackInto(rootfs);
        assertThat(rootfs.resolve("app")).as("Jib's application root").isDirectory();

        String workingDir = image.runConfig().path("WorkingDir").asText("/");
        Files.createDirectories(rootfs.resolve(workingDir.substring(1))); // as container runtimes do
        String[] ids = user.split(":");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork",
                "--root=" + rootfs, "--mount-proc=/proc",
                "--wd=" + workingDir,
                "--setuid=" + ids[0], "--setgid=" + (ids.length > 1 ? ids[1] : ids[0]), "--"));
        command.addAll(image.entrypoint());
        command.add("--version");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear(); // only the image's environment, as in a container
        for (String entry : image.environment()) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the entrypoint exits").isTrue();
        System.out.println(String.join(" ", command) + "\n" + output);

        assertThat(output).as("output of " + command).contains("Consortia node 0.1.0");
        assertThat(process.exitValue()).as("exit status; output: " + output).isZero();
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}
