package io.consortia.platform.deploy;

import java.util.List;

/**
 * What a deployment target reports of a node on its own account, e.g. a pod's Ready condition,
 * its containers' restart count and the cluster's recent events about it.
 *
 * @param ready whether the target considers the node ready; null when it has no such notion
 * @param restarts restarts the target counted; null when it does not count them
 * @param events recent events, oldest first, as "reason: message"
 */
public record NodeObservation(Boolean ready, Integer restarts, List<String> events) {
    public static final NodeObservation NONE = new NodeObservation(null, null, List.of());

    public NodeObservation {
        events = List.copyOf(events);
    }
}
