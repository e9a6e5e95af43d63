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
        assertThat(config.limits().verifyThreadCount()).isPositive();
        assertThat(config.wasm()).isEqualTo(new NodeConfig.Wasm(10_000_000L, 16));
    }

    @Test
    void webassembly_limits_are_read_and_nonsense_is_refused_by_name() throws IOException {
        NodeConfig config = NodeConfigLoader.load(write("""
                nodeId: org1-node0
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                wasm: { fuelPerCall: 2000000, memoryPagesPerCall: 4 }
                """));
        assertThat(config.wasm()).isEqualTo(new NodeConfig.Wasm(2_000_000L, 4));
        NodeConfig written = config.withWasm(new NodeConfig.Wasm(0, 32));
        NodeConfigLoader.write(written, dir.resolve("written.yaml"));
        assertThat(NodeConfigLoader.load(dir.resolve("written.yaml")).wasm()).isEqualTo(new NodeConfig.Wasm(10_000_000L, 32));

        Path zero = write("""
                nodeId: org1-node0
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                wasm: { fuelPerCall: 0, memoryPagesPerCall: 70000 }
                """);
        assertThatThrownBy(() -> NodeConfigLoader.load(zero)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("wasm.fuelPerCall must be positive");
        Path huge = write("""
                nodeId: org1-node0
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                wasm: { memoryPagesPerCall: 70000 }
                """);
        assertThatThrownBy(() -> NodeConfigLoader.load(huge)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("wasm.memoryPagesPerCall must be at most 65536");
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "raft: { snapshotThreshold: 0 }", "raft: { electionTimeoutMinMillis: -1 }",
            "raft: { segmentSizeMaxBytes: -5 }", "batching: { maxTransactions: 0 }", "batching: { maxBytes: -1 }",
            "batching: { maxDelayMillis: 0 }", "batching: { maxInFlight: 0 }",
            "limits: { maxTransactionBytes: 0 }", "limits: { timestampWindowMillis: -1000 }",
            "limits: { verifyThreads: -2 }"})
    void a_non_positive_setting_is_refused_with_its_name_instead_of_becoming_the_default(String section)
            throws IOException {
        Path file = write("""
                nodeId: n1
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                """ + section + "\n");
        String field = section.substring(0, section.indexOf(':')) + "."
                + section.substring(section.indexOf('{') + 2, section.lastIndexOf(':'));

        assertThatThrownBy(() -> NodeConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(field + " must be");
    }

    @Test
    void zero_is_accepted_where_it_means_computed() throws IOException {
        NodeConfig config = NodeConfigLoader.load(write("""
                nodeId: n1
                organization: org1
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                raft: { port: 7052, segmentSizeMaxBytes: 0 }
                limits: { verifyThreads: 0 }
                """));
        assertThat(config.raft().segmentSizeMaxBytes()).isZero();
        assertThat(config.limits().verifyThreadCount()).isPositive();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"\"", "\"Acme Corp\"", "\"org,O=evil\"", "\"-org\""})
    void an_organisation_name_that_cannot_be_a_certificate_subject_is_refused(String organization) throws IOException {
        Path file = write("""
                nodeId: n1
                organization: %s
                dataDir: data
                identity: { certificate: node.pem, privateKey: node.key }
                """.formatted(organization));
        assertThatThrownBy(() -> NodeConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("organization '");
    }

    @Test
    void what_write_writes_load_reads_back_with_paths_relative_to_the_file() throws IOException {
        write("unused: true");
        NodeConfig written = new NodeConfig("org1-node0", "org1", Path.of("data"),
                new NodeConfig.Identity(Path.of("node.pem"), Path.of("node.key")), null,
                new NodeConfig.Endpoint("127.0.0.1", 17051),
                new NodeConfig.Raft("127.0.0.1", 17052, 50, 0, 0, 1 << 20),
                new NodeConfig.Endpoint("127.0.0.1", 17053), new NodeConfig.Batching(500, 0, 2, 0), null);
        Path file = dir.resolve("written.yaml");

        NodeConfigLoader.write(written, file);

        assertThat(Files.readString(file)).contains("certificate: \"node.pem\"").doesNotContain("file:");
        NodeConfig read = NodeConfigLoader.load(file);
        assertThat(read.identity().certificate()).isEqualTo(dir.resolve("node.pem"));
        assertThat(read.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(read.raft().port()).isEqualTo(17052);
        assertThat(read.raft().snapshotThreshold()).isEqualTo(50);
        assertThat(read.raft().segmentSizeMaxBytes()).isEqualTo(1 << 20);
        assertThat(read.batching()).isEqualTo(new NodeConfig.Batching(500, 4 * 1024 * 1024, 2, 1));
        assertThat(read.limits()).isEqualTo(written.limits());
        // the writing machine's core count must not be pinned into a file another machine runs
        assertThat(read.limits().verifyThreads()).isZero();
        assertThat(read.limits().verifyThreadCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
