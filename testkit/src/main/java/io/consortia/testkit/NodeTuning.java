package io.consortia.testkit;

/**
 * The node settings a test may want to change from the production defaults.
 *
 * @param snapshotThreshold        Raft entries between snapshots (log purged after each)
 * @param maxTransactionsPerBlock  batch size limit; 1 makes one block per transaction
 * @param maxDelayMillis           how long a batch waits for more transactions
 * @param logSegmentBytes          Raft log segment size (0 = the node's default); small segments
 *                                 let snapshots purge the log in tests
 */
public record NodeTuning(long snapshotThreshold, int maxTransactionsPerBlock, int maxDelayMillis,
                         long logSegmentBytes) {
    public NodeTuning(long snapshotThreshold, int maxTransactionsPerBlock, int maxDelayMillis) {
        this(snapshotThreshold, maxTransactionsPerBlock, maxDelayMillis, 0);
    }

    public static NodeTuning defaults() {
        return new NodeTuning(10_000, 2_000, 5);
    }
}
