package io.consortia.platform.monitoring;

import io.consortia.platform.deploy.NodeRecord;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's per-channel figures while they are read, from a scrape ({@link MetricsReading}) or a
 * stored row ({@link NodeHistoryRepository}), before they become a {@link NodeSample}.
 */
final class ChannelFigures {
    final Map<String, Long> heights = new TreeMap<>();
    final Map<String, Long> committed = new TreeMap<>();
    final Map<String, Long> leaderChanges = new TreeMap<>();
    final Map<String, Double> latencySum = new TreeMap<>();
    final Map<String, Long> latencyCount = new TreeMap<>();
    final Map<String, Boolean> hasLeader = new TreeMap<>();
    final Map<String, Long> queued = new TreeMap<>();

    /** The sample, with the node-wide figures (each null where the node did not say). */
    NodeSample sample(NodeRecord node, Instant at, boolean up, Double cpuSeconds, Long rssBytes, Long diskUsed,
            Long diskFree, Long diskTotal) {
        return new NodeSample(node.id(), node.nodeId(), node.consortiumId(), at, up, heights, committed, leaderChanges,
                cpuSeconds, rssBytes, diskUsed, diskFree, latencySum, latencyCount, hasLeader, queued, diskTotal);
    }
}
