package io.consortia.operator.status;

import java.util.List;

/** A node's /health document: UP or DOWN, and per channel its Raft role and height. */
public record NodeHealth(boolean up, List<Channel> channels) {
    public NodeHealth {
        channels = List.copyOf(channels);
    }

    public record Channel(String name, String role, long height) {}
}
