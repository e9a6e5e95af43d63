package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark's smoke test for CI: a tiny run (2 in-process nodes, 1 s warm-up, 3 s measured)
 * must commit transactions and produce a well-formed report. It asserts nothing about speed:
 * CI machines differ and are shared.
 */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void tinyRunCommitsAndWritesACompleteReport() throws Exception {
        Run run = run("report.json", "--nodes", "2", "--in-process", "--clients", "2",
                "--batch", "20", "--rate", "300", "--warmup", "1s", "--duration", "3s", "--verify-seconds", "300ms");

        assertThat(run.stdout()).contains("throughput", "latency p50/p95/p99/max", "fraction of limit");
        assertThat(run.stderr()).contains("committed");

        JsonNode report = run.report();
        assertCommittedAllValid(report);
        assertThat(report.at("/setup/workload").asText()).isEqualTo("notarization");
        assertThat(report.at("/setup/nodes").asInt()).isEqualTo(2);
        assertThat(report.at("/setup/mode").asText()).isEqualTo("in-process");
        assertThat(report.at("/setup/presign").asBoolean()).isTrue();
        assertThat(report.at("/result/presigned").asLong()).isPositive();
        for (String field : List.of("p50", "p95", "p99", "max", "mean", "samples")) {
            assertThat(report.at("/latencyMillis/" + field).isNumber()).as(field).isTrue();
        }
        assertThat(report.at("/latencyMillis/samples").asLong()).isEqualTo(report.at("/result/committed").asLong());
        assertThat(report.at("/blocks/count").asLong()).isPositive();
        assertThat(report.at("/cpu/benchJvmCores").isNumber()).isTrue();
        assertThat(report.at("/limit/limitTps").asDouble()).isPositive();
        assertThat(report.at("/limit/verifiesPerTransactionPerNode").asInt()).isEqualTo(1);
        assertThat(report.at("/limit/fractionOfLimit").isNumber()).isTrue();
        // measured before and after the run; the higher sets the limit
        assertThat(report.at("/limit/afterRunPerCpuSecond").asDouble()).isPositive();
        assertThat(report.at("/limit/verifiesPerSecondPerCore").asDouble())
                .isGreaterThanOrEqualTo(report.at("/limit/afterRunPerCpuSecond").asDouble())
                .isGreaterThanOrEqualTo(report.at("/limit/beforeRunPerCpuSecond").asDouble());
        assertThat(report.at("/machine/cores").asInt()).isPositive();
        assertThat(report.get("committedPerSecond").isArray()).isTrue();
        assertThat(report.get("committedPerSecond")).hasSize(3);
        assertThat(report.get("nodes")).hasSize(2);
        for (JsonNode node : report.get("nodes")) {
            assertThat(node.get("committed").asLong()).isPositive();
            assertThat(node.get("p99Millis").isNumber()).isTrue();
        }
        assertThat(report.get("problems").isObject()).isTrue();
        assertThat(report.get("profile").isNull()).as("no --profile, no profile").isTrue();
    }

    @Test
    void oneTransactionPerCallCommitsAndWritesACompleteReport() throws Exception {
        // many concurrent callers of one transaction each: the path the node coalesces across calls
        Run run = run("single.json", "--nodes", "2", "--in-process", "--clients", "16",
                "--batch", "1", "--warmup", "1s", "--duration", "3s", "--verify-seconds", "200ms");

        assertThat(run.stdout()).contains("throughput", "latency p50/p95/p99/max");
        JsonNode report = run.report();
        assertCommittedAllValid(report);
        assertThat(report.at("/setup/clients").asInt()).isEqualTo(16);
        assertThat(report.at("/setup/connections").asInt()).as("one connection per client by default").isEqualTo(16);
        assertThat(report.at("/setup/transactionsPerCall").asInt()).isEqualTo(1);
        // one answer per call of one: every committed transaction was answered, and timed, on its own
        assertThat(report.at("/latencyMillis/samples").asLong()).isEqualTo(report.at("/result/committed").asLong());
        for (String field : List.of("p50", "p95", "p99", "max", "mean")) {
            assertThat(report.at("/latencyMillis/" + field).isNumber()).as(field).isTrue();
        }
        assertThat(report.at("/blocks/count").asLong()).isPositive();
        assertThat(report.get("nodes")).hasSize(2);
    }

    @Test
    void clientsSharingConnectionsAreSpreadOverTheNodes() throws Exception {
        // 9 callers over 3 connections to 2 nodes: connections 0 and 2 go to node 0, connection 1 to node 1
        JsonNode report = run("shared.json", "--nodes", "2", "--in-process", "--clients", "9",
                "--connections", "3", "--batch", "1", "--submit-calls-in-flight", "1", "--warmup", "1s",
                "--duration", "2s", "--verify-seconds", "200ms").report();

        // one call in flight per connection: the callers sharing it are answered from merged calls
        assertCommittedAllValid(report);
        assertThat(report.at("/setup/connections").asInt()).isEqualTo(3);
        assertThat(report.at("/setup/submitCallsInFlight").asInt()).isEqualTo(1);
        assertThat(report.at("/nodes/0/clients").asInt()).isEqualTo(6);
        assertThat(report.at("/nodes/1/clients").asInt()).isEqualTo(3);
        assertThat(report.at("/nodes/0/committed").asLong()).isPositive();
        assertThat(report.at("/nodes/1/committed").asLong()).isPositive();
    }

    @Test
    void tokenTransfersCommitValid() throws Exception {
        JsonNode report = run("token.json", "--workload", "token", "--nodes", "2", "--in-process",
                "--clients", "2", "--batch", "20", "--rate", "200", "--warmup", "1s", "--duration", "2s",
                "--verify-seconds", "200ms").report();

        assertCommittedAllValid(report);
        assertThat(report.at("/setup/workload").asText()).isEqualTo("token");
    }

    @Test
    void webAssemblyNotarizationDeploysItsContractAndCommitsValid() throws Exception {
        JsonNode report = run("wasm.json", "--workload", "wasm-notarize", "--nodes", "2", "--in-process",
                "--clients", "2", "--batch", "20", "--rate", "200", "--warmup", "1s", "--duration", "2s",
                "--verify-seconds", "200ms").report();

        assertCommittedAllValid(report);
        assertThat(report.at("/setup/workload").asText()).isEqualTo("wasm-notarize");
        assertThat(report.at("/setup/workloadDescription").asText()).contains("WebAssembly");
        assertThat(report.at("/latencyMillis/samples").asLong()).isEqualTo(report.at("/result/committed").asLong());
        assertThat(report.get("nodes")).hasSize(2);
    }

    private record Run(String stdout, String stderr, JsonNode report) {}

    /** Runs the bench with {@code args} and a JSON report named {@code report}; it must exit with 0. */
    private Run run(String report, String... args) throws Exception {
        Path json = dir.resolve(report);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--json", json.toString()));

        int exit = new CommandLine(command).execute(all.toArray(String[]::new));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr:%n%s", stderr).isZero();
        return new Run(out.toString(StandardCharsets.UTF_8), stderr, new ObjectMapper().readTree(json.toFile()));
    }

    /** A complete report of a run that committed transactions and had none invalid, rejected or failed. */
    private static void assertCommittedAllValid(JsonNode report) {
        assertThat(fieldNames(report)).containsExactlyElementsOf(BenchReport.FIELDS);
        assertThat(report.at("/result/committed").asLong()).isPositive();
        assertThat(report.at("/result/invalid").asLong()).isZero();
        assertThat(report.at("/result/rejected").asLong()).isZero();
        assertThat(report.at("/result/failed").asLong()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
