package io.consortia.node.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.node.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeJdkTest {
    @TempDir
    Path dir;

    @Test
    void reads_a_jdk_s_release_file() throws IOException {
        Path home = fakeJdk("JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");

        NodeJdk jdk = NodeJdk.at(home);

        assertThat(jdk.release()).isEqualTo(25);
        assertThat(jdk.version()).isEqualTo("25.0.3+9-LTS");
        assertThat(jdk.java()).isEqualTo(home.resolve("bin/java"));
        assertThat(jdk.jcmd()).isEqualTo(home.resolve("bin/jcmd"));
    }

    @Test
    void this_jvm_s_jdk_reads_as_this_jvm() {
        NodeJdk own = NodeJdk.at(Path.of(System.getProperty("java.home")));

        assertThat(own.release()).isEqualTo(Runtime.version().feature()).isEqualTo(NodeJdk.current().release());
        assertThat(NodeJdk.configured(" ")).isEqualTo(NodeJdk.current());
        assertThat(NodeJdk.configured(System.getProperty("java.home")).release()).isEqualTo(own.release());
    }

    @Test
    void release_numbers_of_both_version_schemes() {
        assertThat(NodeJdk.featureOf("17")).isEqualTo(17);
        assertThat(NodeJdk.featureOf("17.0.15")).isEqualTo(17);
        assertThat(NodeJdk.featureOf("25-ea")).isEqualTo(25);
        assertThat(NodeJdk.featureOf("1.8.0_392")).isEqualTo(8);
    }

    @Test
    void refuses_a_directory_that_is_not_a_jdk() throws IOException {
        assertThatThrownBy(() -> NodeJdk.at(dir.resolve("nothing"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bin/java is missing");
        Path noRelease = fakeJdk(null);
        assertThatThrownBy(() -> NodeJdk.at(noRelease)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("release file");
        Files.writeString(noRelease.resolve("release"), "IMPLEMENTOR=\"x\"\n");
        assertThatThrownBy(() -> NodeJdk.at(noRelease)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no JAVA_VERSION");
    }

    private Path fakeJdk(String release) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk"));
        Path java = Files.writeString(Files.createDirectories(home.resolve("bin")).resolve("java"), "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }
}
