package io.consortia.platform.channel;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Sends a channel configuration to every peer in parallel (a node finishes creating its Raft
 * group only once a majority has it) and waits until each peer knows the channel's leader.
 */
@Component
class ChannelBootstrap {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private final NetworkClients clients;

    ChannelBootstrap(NetworkClients clients) {
        this.clients = clients;
    }

    void create(ChannelConfig config, List<NodeRecord> peers) {
        List<CompletableFuture<?>> calls = peers.stream()
                .<CompletableFuture<?>>map(node -> CompletableFuture.runAsync(() -> {
                    try (AdminClient admin = clients.admin(node)) {
                        admin.createChannel(config);
                    }
                }))
                .toList();
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (NodeRecord node : peers) {
            awaitLeader(config.getName(), node);
        }
    }

    void awaitLeader(String channel, NodeRecord node) {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        try (AdminClient admin = clients.admin(node)) {
            while (System.nanoTime() < deadline) {
                try {
                    Optional<ChannelStatus> status = admin.status().getChannelsList().stream()
                            .filter(s -> s.getName().equals(channel)).findFirst();
                    if (status.isPresent() && !status.get().getRaftLeader().isEmpty()) {
                        return;
                    }
                } catch (GatewayException e) {
                    // not answering yet
                }
                pause();
            }
        }
        throw new IllegalStateException("Node " + node.nodeId() + " did not see a leader of channel " + channel
                + " within " + LEADER_TIMEOUT.toSeconds() + " s");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a channel leader", e);
        }
    }
}
