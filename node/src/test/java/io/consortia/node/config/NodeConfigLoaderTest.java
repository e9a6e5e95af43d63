package io.consortia.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.writeString(dir.resolve("node.pem"), "cert");
        Files.writeString(dir.resolve("node.key"), "key");
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void a_minimal_file_gets_defaults_and_paths_relative_to_the_file() throws IOException {
        NodeConfig config = NodeConfigLoader.load(write("""
                nodeId: org1-node0
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                """));
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.identity().certificate()).isEqualTo(dir.resolve("node.pem"));
        assertThat(config.tls().enabled()).isFalse();
        assertThat(config.api().port()).isEqualTo(7051);
        assertThat(config.raft().snapshotThreshold()).isEqualTo(10_000);
        assertThat(config.batching().maxTransactions()).isEqualTo(2_000);
        assertThat(config.limits().maxTransactionBytes()).isEqualTo(1024 * 1024);
        assertThat(config.limits().verifyThreads()).isPositive();
    }

    @Test
    void every_problem_is_reported_at_once() throws IOException {
        Path file = write("""
                nodeId: "bad id!"
                organization: org1
                dataDir: data
                identity: { certificate: missing.pem, privateKey: node.key }
                tls: { enabled: true }
                api: { port: 7051 }
                raft: { port: 7051 }
                metrics: { port: 70000 }
                """);
        assertThatThrownBy(() -> NodeConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nodeId 'bad id!'")
                .hasMessageContaining("identity.certificate")
                .hasMessageContaining("tls.certificate is required")
                .hasMessageContaining("metrics.port must be between 1 and 65535")
                .hasMessageContaining("ports must differ");
    }

    @Test
    void unknown_keys_are_refused_with_their_name() throws IOException {
        Path file = write("""
                nodeId: n1
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                batching: { maxTransaction: 10 }
                """);
        assertThatThrownBy(() -> NodeConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxTransaction");
    }

    @Test
    void a_missing_file_says_which_file() {
        assertThatThrownBy(() -> NodeConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void a_missing_required_field_is_named() throws IOException {
        Path file = write("""
                organization: org1
                dataDir: data
                """);
        assertThatThrownBy(() -> NodeConfigLoader.load(file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nodeId");
    }
}
