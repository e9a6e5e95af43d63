package io.consortia.platform.monitoring;

import java.time.Instant;
import java.util.Map;

/**
 * What the platform learned of one node from one scrape of its metrics port. Counters are the
 * node's running totals; rates (tx/s, leader changes per minute) come from two samples.
 *
 * @param nodeRecordId the platform's id of the node (nodes.id)
 * @param nodeId the node's name, e.g. {@code org1-node1}
 * @param consortiumId the consortium the node serves
 * @param at when the scrape finished
 * @param up whether the node answered the scrape; when false every other value is empty or null
 * @param heights channel to block height
 * @param committedTransactions channel to transactions committed so far
 * @param leaderChanges channel to Raft leader changes seen so far
 * @param cpuSeconds CPU time the node process used so far; null when unknown
 * @param rssBytes resident memory of the node process; null when unknown
 * @param diskUsedBytes bytes under the node's data directory; null when unknown
 * @param diskFreeBytes free bytes on the data directory's file system; null when unknown
 * @param commitLatencySeconds channel to the sum of commit latencies observed so far (the
 *        histogram's {@code _sum}): with {@code commitLatencyCount}, two samples give the mean
 *        latency in between
 * @param commitLatencyCount channel to the commits observed so far (the histogram's {@code _count})
 * @param hasLeader channel to whether the node knows a Raft leader for it
 *        ({@code consortia_raft_has_leader}); a channel the node did not report is absent
 * @param queuedTransactions channel to the admitted transactions waiting in the node's batcher
 *        ({@code consortia_batcher_queued_transactions}): work the channel has not ordered yet
 * @param diskTotalBytes size of the file system holding the data directory
 *        ({@code consortia_data_dir_filesystem_bytes}); null when unknown
 */
public record NodeSample(long nodeRecordId, String nodeId, long consortiumId, Instant at, boolean up,
        Map<String, Long> heights, Map<String, Long> committedTransactions, Map<String, Long> leaderChanges,
        Double cpuSeconds, Long rssBytes, Long diskUsedBytes, Long diskFreeBytes,
        Map<String, Double> commitLatencySeconds, Map<String, Long> commitLatencyCount,
        Map<String, Boolean> hasLeader, Map<String, Long> queuedTransactions, Long diskTotalBytes) {

    public NodeSample {
        queuedTransactions = Map.copyOf(queuedTransactions);
        hasLeader = Map.copyOf(hasLeader);
        heights = Map.copyOf(heights);
        committedTransactions = Map.copyOf(committedTransactions);
        leaderChanges = Map.copyOf(leaderChanges);
        commitLatencySeconds = Map.copyOf(commitLatencySeconds);
        commitLatencyCount = Map.copyOf(commitLatencyCount);
    }

    /** A sample without leader facts. */
    public NodeSample(long nodeRecordId, String nodeId, long consortiumId, Instant at, boolean up,
            Map<String, Long> heights, Map<String, Long> committedTransactions, Map<String, Long> leaderChanges,
            Double cpuSeconds, Long rssBytes, Long diskUsedBytes, Long diskFreeBytes,
            Map<String, Double> commitLatencySeconds, Map<String, Long> commitLatencyCount) {
        this(nodeRecordId, nodeId, consortiumId, at, up, heights, committedTransactions, leaderChanges, cpuSeconds,
                rssBytes, diskUsedBytes, diskFreeBytes, commitLatencySeconds, commitLatencyCount, Map.of(), Map.of(), null);
    }

    /** A sample without commit latencies (the components this record had first). */
    public NodeSample(long nodeRecordId, String nodeId, long consortiumId, Instant at, boolean up,
            Map<String, Long> heights, Map<String, Long> committedTransactions, Map<String, Long> leaderChanges,
            Double cpuSeconds, Long rssBytes, Long diskUsedBytes, Long diskFreeBytes) {
        this(nodeRecordId, nodeId, consortiumId, at, up, heights, committedTransactions, leaderChanges, cpuSeconds,
                rssBytes, diskUsedBytes, diskFreeBytes, Map.of(), Map.of());
    }

    /** A node that did not answer its scrape. */
    public static NodeSample down(long nodeRecordId, String nodeId, long consortiumId, Instant at) {
        return new NodeSample(nodeRecordId, nodeId, consortiumId, at, false, Map.of(), Map.of(), Map.of(), null, null,
                null, null);
    }
}
