package io.consortia.platform.deploy;

/**
 * A node of a consortium's network.
 *
 * @param desiredState RUNNING or STOPPED: what the supervisor keeps it at
 * @param pid the operating system process, for the local deployer
 */
public record NodeRecord(long id, String nodeId, long consortiumId, long organizationId, String host, int apiPort,
        int raftPort, int metricsPort, String directory, String desiredState, NodeStatus status, Long pid,
        int restarts, String lastError, long createdAt) {

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
