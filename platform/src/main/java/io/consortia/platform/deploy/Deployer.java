package io.consortia.platform.deploy;

/**
 * Runs nodes somewhere. Implementations: {@code local} (processes on this machine) and
 * {@code kubernetes} (pods of a cluster, a {@link NetworkDeployer} that takes a whole network's
 * desired state at once). {@link Deployers} finds the one of a consortium's target. Every
 * method is idempotent where it can be (stopping a stopped node, removing a removed one) and
 * throws {@link io.consortia.platform.system.PlatformException} with a reason a person can act on.
 */
public interface Deployer {

    /** The deployment target this deployer serves, e.g. {@code LOCAL}. */
    String target();

    /** The id of an organisation's {@code index}-th node: {@code c<consortium>-<organisation>-<index>}, unique on the platform. */
    default String nodeId(long consortiumId, io.consortia.platform.organization.Organization organization, int index) {
        return "c" + consortiumId + "-" + organization.name() + "-" + index;
    }

    /** Reserves an address, ports and storage for a new node. */
    NodePlacement place(long consortiumId, String nodeId);

    /** The names the node's TLS certificate is valid for: how peers, clients and the platform reach it. */
    default java.util.List<String> tlsHosts(NodePlacement placement) {
        return java.util.List.of(placement.host(), "localhost");
    }

    /**
     * Whether the target itself restarts nodes that exit (a Kubernetes StatefulSet does): the
     * supervisor then only observes them ({@link #observe}) and never starts one.
     */
    default boolean selfHealing() {
        return false;
    }

    /** What the target knows of the node beyond its health (readiness, restarts, recent events). */
    default NodeObservation observe(NodeRecord node) {
        return NodeObservation.NONE;
    }

    /**
     * {@link #observe} for each of the nodes, by node id: one question per node unless the target
     * can answer for many at once, which a cluster can (one list of pods and one of events).
     */
    default java.util.Map<String, NodeObservation> observeAll(java.util.List<NodeRecord> nodes) {
        java.util.Map<String, NodeObservation> seen = new java.util.HashMap<>();
        nodes.forEach(node -> seen.put(node.nodeId(), observe(node)));
        return seen;
    }

    /** Writes the node's configuration and credentials. */
    void install(NodeRecord node, NodeInstallation installation);

    /**
     * Replaces the node's signing and TLS certificates and keys where the node reads them, each
     * file at once (a node reloading them sees the old or the new one, never a mix); the node
     * takes them on {@code ReloadCredentials}, without a restart. Returns the step's detail.
     * A target that cannot do it yet refuses with 409 and the reason, before anything changed.
     */
    default String replaceCredentials(NodeRecord node, io.consortia.platform.custody.NodeCredentials credentials) {
        throw io.consortia.platform.system.PlatformException.conflict("Renewing or revoking a node's certificates on "
                + target() + " is not supported yet: its keys are mounted from the organisation's Secret, which the "
                + "pods read at start only; delete and deploy the network again to issue new ones");
    }

    /**
     * Replaces the TLS roots the node trusts from its start ({@code tls-roots.pem}) with these, at
     * once, so that a restart does not bring back a root the consortium no longer has. Returns the
     * step's detail; a target that cannot do it says so there instead of failing the operation.
     */
    default String replaceTrustedRoots(NodeRecord node, java.util.List<java.security.cert.X509Certificate> roots) {
        return "not rewritten on " + target() + ": the node keeps the roots it was deployed with until it is deployed"
                + " again (it no longer trusts those of organisations its channels removed)";
    }

    /** Whether {@link #replaceTrustedRoots} rewrites the file a running node reloads (then the platform asks it to). */
    default boolean replacesTrustedRoots() {
        return false;
    }

    /** Whether {@link #replaceCredentials} works on this target (checked before anything is renewed). */
    default boolean replacesCredentials() {
        return false;
    }

    /** Starts the node; returns its process id (or another handle) for {@link #isRunning}. */
    long start(NodeRecord node);

    /** Stops the node gracefully, forcibly after a grace period. */
    void stop(NodeRecord node);

    /** Whether the node's process exists (it may still be starting). */
    boolean isRunning(NodeRecord node);

    /** The process that runs the node, where the platform runs it (the record's, else none). */
    default Long pidOf(NodeRecord node) {
        return node.pid();
    }

    /** Whether the node answers its health check. */
    boolean isServing(NodeRecord node);

    /**
     * What the node reports of itself (one {@code /health} read: heights and Raft roles per
     * channel) and what this target knows of it (resource use); {@link NodeVitals#NONE} when the
     * node is not running or does not answer.
     */
    NodeVitals vitals(NodeRecord node);

    /** Channel name to block height, as the node reports it; empty when it does not answer. */
    default java.util.Map<String, Long> heights(NodeRecord node) {
        return vitals(node).heights();
    }

    /**
     * The network's nodes serve and their channels have leaders. Nothing to do by default; the
     * local deployer has one of the first nodes it ever starts record its class data archive.
     */
    default void networkUp(java.util.List<NodeRecord> nodes) {}

    /** Deletes the node's storage and releases its ports. The node must be stopped. */
    void remove(NodeRecord node);

    /** The last lines of the node's log. */
    String logs(NodeRecord node, int lines);

    /**
     * The last lines its latest run wrote, for the supervisor's note when that run ended: a run
     * killed before it wrote anything must not be described by an earlier run's lines. A target
     * that cannot tell runs apart gives {@link #logs}.
     */
    default String lastRunLogs(NodeRecord node, int lines) {
        return logs(node, lines);
    }

    /**
     * The last lines of the node's log for a search by time: as {@link #logs}, but where the
     * target's own lines carry no date (a container's), each line prefixed with the time the
     * target recorded it (ISO-8601).
     */
    default String timedLogs(NodeRecord node, int lines) {
        return logs(node, lines);
    }
}
