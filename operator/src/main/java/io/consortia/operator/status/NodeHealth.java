package io.consortia.operator.status;

import java.util.List;

/**
 * A node's /health document: whether it serves (UP, or DEGRADED while a channel has no Raft
 * leader), per channel its Raft role and height, and the channels without leader.
 */
public record NodeHealth(boolean up, List<Channel> channels, List<String> leaderlessChannels) {
    public NodeHealth {
        channels = List.copyOf(channels);
        leaderlessChannels = List.copyOf(leaderlessChannels);
    }

    public NodeHealth(boolean up, List<Channel> channels) {
        this(up, channels, List.of());
    }

    public record Channel(String name, String role, long height) {}
}
