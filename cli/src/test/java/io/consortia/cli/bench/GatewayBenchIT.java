package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --gateway} end to end, for CI: the real platform (its jar) deploys 2 organisations
 * x 1 node, issues an access key each, and 2 clients send signed requests of 20 notarizations to
 * {@code /gateway/v1}. Asserts that transactions commit through the gateway and that the report is
 * complete; nothing about speed.
 */
class GatewayBenchIT {
    @TempDir
    Path dir;

    @Test
    void requestsThroughTheGatewayCommitAndTheReportIsComplete() throws Exception {
        Path jar = Path.of(System.getProperty("consortia.platform.jar", "../platform/target/consortia-platform.jar"));
        assertThat(jar).as("the platform's jar (module platform, package phase)").isRegularFile();
        Path json = dir.resolve("gateway.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = new CommandLine(command).execute("--gateway", "--platform-jar", jar.toString(), "--nodes", "2",
                "--clients", "2", "--batch", "20", "--warmup", "5s", "--duration", "5s", "--verify-seconds", "300ms",
                "--json", json.toString());

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr:%n%s", stderr).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("throughput", "latency p50/p95/p99/max",
                "transactions signed by the platform");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> fields = new ArrayList<>();
        report.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(BenchReport.FIELDS);
        assertThat(report.at("/tool").asText()).isEqualTo("consortia bench --gateway");
        assertThat(report.at("/setup/mode").asText()).isEqualTo("gateway");
        assertThat(report.at("/setup/nodes").asInt()).isEqualTo(2);
        assertThat(report.at("/setup/transactionsPerCall").asInt()).isEqualTo(20);
        assertThat(report.at("/result/committed").asLong()).as(stderr).isPositive();
        assertThat(report.at("/result/committed").asLong() % 20).as("whole requests of 20").isZero();
        assertThat(report.at("/result/invalid").asLong()).isZero();
        assertThat(report.at("/result/rejected").asLong()).isZero();
        assertThat(report.at("/result/failed").asLong()).as(report.at("/result/firstProblem").asText()).isZero();
        assertThat(report.at("/latencyMillis/samples").asLong()).isEqualTo(report.at("/result/committed").asLong());
        assertThat(report.at("/latencyMillis/p99").asDouble()).isPositive();
        assertThat(report.at("/blocks/count").asLong()).isPositive();
        assertThat(report.at("/limit/fractionOfLimit").asDouble()).isPositive();
        assertThat(report.at("/cpu/perNodeCores").has("platform")).as("the platform's CPU is counted").isTrue();
        assertThat(report.at("/cpu/nodesMicrosPerTransaction").asDouble()).as("the nodes' CPU per committed transaction")
                .isPositive().isCloseTo(report.at("/cpu/nodesCores").asDouble() * 1e6
                        / report.at("/result/throughputTps").asDouble(), withinPercentage(1));
        assertThat(report.get("nodes")).hasSize(2);
        for (JsonNode node : report.get("nodes")) {
            assertThat(node.get("committed").asLong()).as(node.toString()).isPositive();
            assertThat(node.get("heightAtEnd").asLong()).as(node.toString()).isPositive();
        }
        assertThat(stderr).contains("platform network up").doesNotContain("cs_sk_");
    }
}
