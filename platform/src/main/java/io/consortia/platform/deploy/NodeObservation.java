package io.consortia.platform.deploy;

import java.util.List;

/**
 * What a deployment target reports of a node on its own account, e.g. a pod's Ready condition,
 * its containers' restart count and the cluster's recent events about it.
 *
 * @param ready whether the target considers the node ready; null when it has no such notion
 * @param restarts restarts the target counted; null when it does not count them
 * @param events recent events, oldest first, as "reason: message"
 * @param problem why the node is not ready in the target's own words while it is not (a pod's
 *     container waiting or terminated: "ContainerCreating: secret c1-org3-keys not found",
 *     "CrashLoopBackOff: ...; last terminated: OOMKilled (exit code 137)"); null when ready or unknown
 */
public record NodeObservation(Boolean ready, Integer restarts, List<String> events, String problem) {
    public static final NodeObservation NONE = new NodeObservation(null, null, List.of());

    public NodeObservation {
        events = List.copyOf(events);
    }

    /**
     * The node's status as this observation shows it: a RUNNING record whose target says it is not
     * ready (a pod just deleted or restarting) reads STARTING, as it will once the supervisor's next
     * round writes it, so that status and readiness in one answer never disagree.
     */
    public NodeStatus status(NodeStatus recorded) {
        return recorded == NodeStatus.RUNNING && Boolean.FALSE.equals(ready) ? NodeStatus.STARTING : recorded;
    }

    /** Without a problem of its own (ready, or the target does not say why). */
    public NodeObservation(Boolean ready, Integer restarts, List<String> events) {
        this(ready, restarts, events, null);
    }
}
