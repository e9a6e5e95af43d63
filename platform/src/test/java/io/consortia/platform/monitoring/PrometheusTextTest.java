package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a node's /metrics: the text format's corners, and the node's names into a sample. */
class PrometheusTextTest {
    /** What a node serves, cut from a real scrape (prometheus-metrics 1.x writer), with two channels. */
    static final String NODE_METRICS = """
            # HELP consortia_block_height Blocks in the channel's ledger, genesis included
            # TYPE consortia_block_height gauge
            consortia_block_height{channel="main"} 12.0
            consortia_block_height{channel="second"} 3.0
            # HELP consortia_commit_latency_seconds From admission on this node to commit on this node
            # TYPE consortia_commit_latency_seconds histogram
            consortia_commit_latency_seconds_bucket{channel="main",le="0.005"} 0
            consortia_commit_latency_seconds_bucket{channel="main",le="+Inf"} 8
            consortia_commit_latency_seconds_count{channel="main"} 8
            consortia_commit_latency_seconds_sum{channel="main"} 1.6
            # TYPE consortia_raft_leader_changes_total counter
            consortia_raft_leader_changes_total{channel="main"} 2.0
            # TYPE consortia_transactions_committed_total counter
            consortia_transactions_committed_total{channel="main",code="VALID"} 40.0
            consortia_transactions_committed_total{channel="main",code="MVCC_READ_CONFLICT"} 2.0
            consortia_transactions_committed_total{channel="second",code="VALID"} 1.0
            # TYPE consortia_transactions_rejected_total counter
            consortia_transactions_rejected_total{channel="main",code="BAD_SIGNATURE"} 5.0
            # TYPE consortia_data_dir_bytes gauge
            consortia_data_dir_bytes 1.048576E7
            consortia_data_dir_free_bytes 5.0E10
            consortia_data_dir_filesystem_bytes 2.0E11
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total 12.5
            process_resident_memory_bytes 2.68435456E8
            """;

    @Test
    void labels_with_escapes_commas_and_braces_values_and_timestamps_parse() {
        PrometheusText.Sample s = PrometheusText.line(
                "weird_metric{path=\"/a,b}\",quote=\"say \\\"hi\\\"\",nl=\"x\\ny\"} 1.5e3 1700000000000");
        assertThat(s.name()).isEqualTo("weird_metric");
        assertThat(s.labels()).containsEntry("path", "/a,b}").containsEntry("quote", "say \"hi\"")
                .containsEntry("nl", "x\ny");
        assertThat(s.value()).isEqualTo(1500.0);
        assertThat(PrometheusText.line("up 1").value()).isEqualTo(1.0);
        assertThat(PrometheusText.line("x{le=\"+Inf\"} +Inf").value()).isInfinite();
        assertThat(PrometheusText.line("x NaN").value()).isNaN();
        assertThat(PrometheusText.line("x{a=\"1\",} 2").labels()).containsEntry("a", "1");
    }

    @Test
    void lines_that_are_not_samples_are_skipped_not_fatal() {
        assertThat(PrometheusText.line("x{a=\"unterminated} 1")).isNull();
        assertThat(PrometheusText.line("x notanumber")).isNull();
        assertThat(PrometheusText.line("{a=\"1\"} 2")).isNull();
        assertThat(PrometheusText.line("x")).isNull();
        List<PrometheusText.Sample> all = PrometheusText.parse("# HELP x y\n\nx 1\ngarbage here\r\ny{a=\"b\"} 2\r\n");
        assertThat(all).extracting(PrometheusText.Sample::name).containsExactly("x", "y");
    }

    @Test
    void a_node_scrape_becomes_a_sample_with_totals_per_channel() {
        NodeRecord node = new NodeRecord(7, "c1-org1-1", 1, 2, "127.0.0.1", 1, 2, 3, "/tmp/x", "RUNNING",
                NodeStatus.RUNNING, 123L, 0, null, 0);
        Instant at = Instant.parse("2026-12-02T22:00:00Z");
        NodeSample sample = MetricsReading.sample(node, at, NODE_METRICS);

        assertThat(sample.up()).isTrue();
        assertThat(sample.nodeRecordId()).isEqualTo(7);
        assertThat(sample.nodeId()).isEqualTo("c1-org1-1");
        assertThat(sample.consortiumId()).isEqualTo(1);
        assertThat(sample.at()).isEqualTo(at);
        assertThat(sample.heights()).isEqualTo(Map.of("main", 12L, "second", 3L));
        // every validation code counts: an invalid transaction is committed in its block too; rejected ones are not
        assertThat(sample.committedTransactions()).isEqualTo(Map.of("main", 42L, "second", 1L));
        assertThat(sample.leaderChanges()).isEqualTo(Map.of("main", 2L));
        assertThat(sample.commitLatencyCount()).isEqualTo(Map.of("main", 8L));
        assertThat(sample.commitLatencySeconds()).isEqualTo(Map.of("main", 1.6));
        assertThat(sample.cpuSeconds()).isEqualTo(12.5);
        assertThat(sample.rssBytes()).isEqualTo(268_435_456L);
        assertThat(sample.diskUsedBytes()).isEqualTo(10_485_760L);
        assertThat(sample.diskFreeBytes()).isEqualTo(50_000_000_000L);
        assertThat(sample.diskTotalBytes()).isEqualTo(200_000_000_000L);
    }

    @Test
    void a_node_without_resource_metrics_gives_nulls_not_zeros() {
        NodeRecord node = new NodeRecord(1, "n", 1, 1, "h", 1, 2, 3, "d", "RUNNING", NodeStatus.RUNNING, null, 0,
                null, 0);
        NodeSample sample = MetricsReading.sample(node, Instant.EPOCH, "consortia_block_height{channel=\"main\"} 1.0\n");
        assertThat(sample.heights()).containsEntry("main", 1L);
        assertThat(sample.cpuSeconds()).isNull();
        assertThat(sample.rssBytes()).isNull();
        assertThat(sample.diskUsedBytes()).isNull();
        assertThat(sample.diskFreeBytes()).isNull();
        assertThat(sample.diskTotalBytes()).isNull();
    }
}
