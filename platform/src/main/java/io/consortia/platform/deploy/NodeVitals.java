package io.consortia.platform.deploy;

import java.util.List;
import java.util.Map;

/**
 * What the console shows about a running node beyond its status, as its deployer reports it:
 * what the node says of itself (block height and Raft role per channel, from one {@code /health}
 * read), including the channels it does not serve and why, and what the deployment target knows
 * of it (CPU time, resident memory).
 *
 * @param heights channel to block height
 * @param roles channel to LEADER / FOLLOWER / CANDIDATE / LISTENER
 * @param failedChannels channel to the node's reason for not serving it (a stopped Raft member, stored
 *     files it cannot open), sorted by channel
 * @param cpuSeconds CPU time the node used so far; null when the target does not know
 * @param rssBytes resident memory; null when the target does not know
 * @param leaderlessChannels the served channels without a known Raft leader (the node answers
 *     DEGRADED): it still runs, but those channels order no block until a majority is back
 */
public record NodeVitals(Map<String, Long> heights, Map<String, String> roles, Map<String, String> failedChannels,
        Double cpuSeconds, Long rssBytes, List<String> leaderlessChannels) {

    /** A node that does not answer (or does not run), on a target that knows nothing more. */
    public static final NodeVitals NONE = new NodeVitals(Map.of(), Map.of(), Map.of(), null, null, List.of());

    public NodeVitals {
        leaderlessChannels = List.copyOf(leaderlessChannels);
        heights = Map.copyOf(heights);
        roles = Map.copyOf(roles);
        failedChannels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failedChannels));
    }

    /** What the node reported, without resource figures. */
    public static NodeVitals of(NodeHealth.Report report) {
        return new NodeVitals(report.heights(), report.roles(), report.failedChannels(), null, null,
                report.leaderlessChannels());
    }

    /** These vitals with the resource use the target measured. */
    public NodeVitals withResources(Double cpuSeconds, Long rssBytes) {
        return new NodeVitals(heights, roles, failedChannels, cpuSeconds, rssBytes, leaderlessChannels);
    }

    /** Whether the node runs but some channel of it has no Raft leader. */
    public boolean degraded() {
        return !leaderlessChannels.isEmpty();
    }

    public String rssMegabytes() {
        return rssBytes == null ? null : String.valueOf(rssBytes / (1024 * 1024));
    }
}
