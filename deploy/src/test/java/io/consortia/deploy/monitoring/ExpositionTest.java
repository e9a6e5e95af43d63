package io.consortia.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpositionTest {
    @Test
    void samplesAndTypedMetricsWithoutSamplesBothCount() {
        String text = """
                # HELP consortia_commit_latency_seconds From admission to commit
                # TYPE consortia_commit_latency_seconds histogram
                consortia_commit_latency_seconds_bucket{channel="main",le="0.005"} 3
                # TYPE consortia_transactions_rejected_total counter
                # TYPE consortia_platform_gateways_opened counter
                disk_free_bytes{path="/data"} 1.2E10
                up_and_running 1
                """;

        assertThat(Exposition.names(text)).contains("consortia_commit_latency_seconds_bucket",
                "consortia_commit_latency_seconds_sum", "consortia_commit_latency_seconds_count",
                "consortia_transactions_rejected_total", "consortia_platform_gateways_opened_total",
                "disk_free_bytes", "up_and_running").doesNotContain("channel", "HELP", "up");
    }
}
