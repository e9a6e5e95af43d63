package io.consortia.platform.monitoring;

import io.consortia.platform.deploy.NodeRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Turns one {@code /metrics} answer of a node into a {@link NodeSample}: the node's metric names
 * (docs/node-configuration.md) to the sample's fields. Counters are kept as the node's totals;
 * {@link Series} computes the rates.
 */
final class MetricsReading {
    private MetricsReading() {}

    static NodeSample sample(NodeRecord node, Instant at, String text) {
        ChannelFigures figures = new ChannelFigures();
        Double cpu = null;
        Long rss = null;
        Long diskUsed = null;
        Long diskFree = null;
        Long diskTotal = null;
        for (PrometheusText.Sample s : PrometheusText.parse(text)) {
            String channel = s.label("channel");
            switch (s.name()) {
                case "consortia_block_height" -> put(figures.heights, channel, s.value());
                // every validation code: an invalid transaction is committed in its block too
                case "consortia_transactions_committed_total" -> add(figures.committed, channel, s.value());
                case "consortia_raft_leader_changes_total" -> put(figures.leaderChanges, channel, s.value());
                case "consortia_commit_latency_seconds_sum" -> {
                    if (channel != null && Double.isFinite(s.value())) {
                        figures.latencySum.put(channel, s.value());
                    }
                }
                case "consortia_commit_latency_seconds_count" -> put(figures.latencyCount, channel, s.value());
                case "consortia_batcher_queued_transactions" -> put(figures.queued, channel, s.value());
                case "consortia_raft_has_leader" -> {
                    if (channel != null && Double.isFinite(s.value())) {
                        figures.hasLeader.put(channel, s.value() >= 1);
                    }
                }
                case "process_cpu_seconds_total" -> cpu = finite(s.value());
                case "process_resident_memory_bytes" -> rss = whole(s.value());
                case "consortia_data_dir_bytes" -> diskUsed = whole(s.value());
                case "consortia_data_dir_free_bytes" -> diskFree = whole(s.value());
                case "consortia_data_dir_filesystem_bytes" -> diskTotal = whole(s.value());
                default -> { }
            }
        }
        return figures.sample(node, at, true, cpu, rss, diskUsed, diskFree, diskTotal);
    }

    private static void put(Map<String, Long> map, String channel, double value) {
        if (channel != null && Double.isFinite(value)) {
            map.put(channel, (long) value);
        }
    }

    private static void add(Map<String, Long> map, String channel, double value) {
        if (channel != null && Double.isFinite(value)) {
            map.merge(channel, (long) value, Long::sum);
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Long whole(double value) {
        return Double.isFinite(value) ? (long) value : null;
    }
}
