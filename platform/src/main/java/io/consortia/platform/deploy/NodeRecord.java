package io.consortia.platform.deploy;

/**
 * A node of a consortium's network.
 *
 * @param desiredState RUNNING or STOPPED: what the supervisor keeps it at
 * @param pid the operating system process, for the local deployer
 * @param restarts crash restarts in the node's lifetime (what the API and the metric report)
 * @param crashStreak crashes of the current crash loop: those since the node was last started by
 *        hand, each within {@code consortia.node.crash-window} of the one before; what
 *        {@code max-restarts} bounds
 * @param lastCrashAt when it last crashed (epoch ms), null if never
 * @param lastErrorAt when {@code lastError} was written (epoch ms), null if not known
 */
public record NodeRecord(long id, String nodeId, long consortiumId, long organizationId, String host, int apiPort,
        int raftPort, int metricsPort, String directory, String desiredState, NodeStatus status, Long pid,
        int restarts, String lastError, long createdAt, int crashStreak, Long lastCrashAt, Long lastErrorAt) {

    /** A node that never crashed in a loop (tests, rehearsals). */
    public NodeRecord(long id, String nodeId, long consortiumId, long organizationId, String host, int apiPort,
            int raftPort, int metricsPort, String directory, String desiredState, NodeStatus status, Long pid,
            int restarts, String lastError, long createdAt) {
        this(id, nodeId, consortiumId, organizationId, host, apiPort, raftPort, metricsPort, directory, desiredState,
                status, pid, restarts, lastError, createdAt, 0, null, null);
    }

    /**
     * The crashes of its current crash loop at {@code now}: none once the last crash is more than
     * {@code window} ago (it ran that long since), so that a node that once crash-looped and was
     * recovered does not lose its automatic restarts for good.
     */
    public int crashesWithin(java.time.Duration window, java.time.Instant now) {
        return lastCrashAt != null && now.toEpochMilli() - lastCrashAt < window.toMillis() ? crashStreak : 0;
    }

    public String apiAddress() {
        return host + ":" + apiPort;
    }

    public String raftAddress() {
        return host + ":" + raftPort;
    }

    public boolean shouldRun() {
        return "RUNNING".equals(desiredState);
    }
}
