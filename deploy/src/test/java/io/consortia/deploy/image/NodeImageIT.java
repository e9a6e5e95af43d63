package io.consortia.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The node image that Maven built (profile {@code images}: jib:buildTar in the node module's
 * package phase) is a runnable container image: its layers, unpacked in order, make a root file
 * system in which the entrypoint from the image config, run as the image's user in fresh mount
 * and PID namespaces with that root (what a container runtime does, minus cgroups and
 * networking), starts the node far enough to print its version.
 *
 * <p>Needs root for the namespaces and chroot (so does a container runtime); CI runs as root.
 */
@EnabledIfSystemProperty(named = "consortia.image.node.tar", matches = ".+")
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
        assumeTrue(ImageTar.isRoot(), "unpacking an image and entering it with unshare --root needs root");
        Path tar = Path.of(System.getProperty("consortia.image.node.tar"));
        assertThat(tar).as("the image tar jib:buildTar writes in the package phase").isRegularFile();

        ImageTar image = ImageTar.open(tar, work.resolve("image"));
        assertThat(image.entrypoint()).as("entrypoint").contains("io.consortia.node.NodeMain");
        assertThat(image.entrypoint().get(0)).isEqualTo("java");
        assertThat(image.runConfig().path("User").asText()).as("the image runs as a non-root user").isEqualTo("10001:10001");
        assertThat(image.runConfig().path("ExposedPorts").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("7051/tcp", "7052/tcp", "7053/tcp");
        assertThat(image.layerCount()).as("base layer(s) plus Jib's").isGreaterThan(1);

        Path rootfs = work.resolve("rootfs");
        image.unpackInto(rootfs);
        assertThat(rootfs.resolve("app")).as("Jib's application root").isDirectory();

        Path log = work.resolve("node.log");
        Process process = image.start(rootfs, List.of("--version"), image.environment(), log);
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            ImageTar.stop(process);
        }
        assertThat(exited).as("the entrypoint exits; output: " + Files.readString(log)).isTrue();
        String output = Files.readString(log);
        System.out.println(output);

        assertThat(output).contains("Consortia node 0.1.0");
        assertThat(process.exitValue()).as("exit status; output: " + output).isZero();
    }
}
