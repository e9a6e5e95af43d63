package io.consortia.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metric names out of PromQL, and the shipped rules and dashboards as {@link MonitoringAssets} reads them. */
class PromQlTest {
    @TempDir
    Path dir;

    @Test
    void functionsAggregationsLabelsKeywordsAndVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.99, sum by (job, channel, le) (rate(consortia_commit_latency_seconds_bucket\
                {job=~"$job", channel=~"${channel}", code!="VALID"}[$__rate_interval]))) > 2"""))
                .containsExactly("consortia_commit_latency_seconds_bucket");
        assertThat(PromQl.metricNames("max by (job, channel) (a_height) - on (job, channel) group_right b_height > 10"))
                .containsExactly("a_height", "b_height");
        assertThat(PromQl.metricNames("sum without (code) (x_total offset 5m) / clamp_min(y_total, 1e-9) unless z "
                + "or count(w == 0) or vector(0)")).containsExactly("x_total", "y_total", "z", "w");
        assertThat(PromQl.metricNames("a * on (x) group_left (y, z) b and bool c"))
                .containsExactly("a", "b", "c");
        assertThat(PromQl.metricNames("rate(m[5m:30s]) + sum(n) by (instance)")).containsExactly("m", "n");
        assertThat(PromQl.metricNames("up{job=\"consortia-nodes\", instance=~\"node.*{1}\"} == 0")).containsExactly("up");
    }

    @Test
    void templateQueriesReadOnlyTheirSelector() {
        assertThat(PromQl.templateQueryMetricNames("label_values(consortia_block_height{job=~\"$job\"}, channel)"))
                .containsExactly("consortia_block_height");
        assertThat(PromQl.templateQueryMetricNames("label_values(job)")).isEmpty();
        assertThat(PromQl.templateQueryMetricNames("query_result(topk(3, rate(x_total[5m])))")).containsExactly("x_total");
    }

    @Test
    void aMetricNobodyExportsIsReportedWithWhereItIsRead() throws Exception {
        Path prometheus = Files.createDirectories(dir.resolve("prometheus"));
        Files.createDirectories(dir.resolve("grafana"));
        Files.writeString(prometheus.resolve("x-rules.yaml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Real
                        expr: consortia_block_height > 0 and up == 1
                      - alert: MadeUp
                        expr: rate(consortia_made_up_total[5m]) > 0
                """);
        List<MonitoringAssets.Expression> expressions = MonitoringAssets.load(dir);

        Map<String, Set<String>> missing = MonitoringAssets.notExported(expressions, Set.of("consortia_block_height"));

        assertThat(missing).containsOnlyKeys("x-rules.yaml MadeUp");
        assertThat(missing.get("x-rules.yaml MadeUp")).containsExactly("consortia_made_up_total");
    }

    @Test
    void theShippedRulesAndDashboardsAreReadAndEveryExpressionNamesAMetric() {
        List<MonitoringAssets.Expression> expressions = MonitoringAssets.load(Path.of("."));

        assertThat(expressions).extracting(MonitoringAssets.Expression::where)
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaNodeDown"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaChannelHeightLagging"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaChannelNoBlocksWithTraffic"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaPlatformDiskLow"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaRaftLeaderChurn"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaCommitLatencyHigh"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaRejectedTransactionRateHigh"))
                .anyMatch(w -> w.startsWith("consortia-rules.yaml ConsortiaPlatformNodeRestarts"))
                .anyMatch(w -> w.startsWith("consortia-overview.json panel"))
                .anyMatch(w -> w.startsWith("consortia-channels.json panel"))
                .anyMatch(w -> w.startsWith("consortia-nodes.json panel"))
                .anyMatch(w -> w.startsWith("consortia-channels.json variable channel"));
        assertThat(expressions).allSatisfy(e -> assertThat(e.metrics()).as(e.where() + ": " + e.text()).isNotEmpty());
    }

    @Test
    void eachNodesDiskIsWatchedAsThePlatformsDiskUsageRuleDoes() throws Exception {
        // The platform's DISK_USAGE rule: (size - free) / size of the data directory's file system
        // over 85 % (RuleKind.DISK_USAGE's default) for a minute, a warning.
        com.fasterxml.jackson.databind.JsonNode rule = null;
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("prometheus", "consortia-rules.yaml").toFile());
        for (com.fasterxml.jackson.databind.JsonNode group : root.path("groups")) {
            for (com.fasterxml.jackson.databind.JsonNode r : group.path("rules")) {
                if (r.path("alert").asText().equals("ConsortiaNodeDiskUsageHigh")) {
                    rule = r;
                }
            }
        }
        assertThat(rule).as("ConsortiaNodeDiskUsageHigh in consortia-rules.yaml").isNotNull();
        String expr = rule.path("expr").asText().replaceAll("\\s+", " ").trim();
        assertThat(PromQl.metricNames(expr))
                .containsExactlyInAnyOrder("consortia_data_dir_filesystem_bytes", "consortia_data_dir_free_bytes");
        assertThat(expr).isEqualTo("(consortia_data_dir_filesystem_bytes - consortia_data_dir_free_bytes) "
                + "/ consortia_data_dir_filesystem_bytes > 0.85");
        assertThat(rule.path("for").asText()).isEqualTo("1m");
        assertThat(rule.path("labels").path("severity").asText()).isEqualTo("warning");
    }
}
