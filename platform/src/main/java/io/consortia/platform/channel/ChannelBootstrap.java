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
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Sends a channel configuration to every peer in parallel (a node finishes creating its Raft
 * group only once a majority has it) and waits until each peer knows the channel's leader.
 */
@Component
public class ChannelBootstrap {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private final NetworkClients clients;

    ChannelBootstrap(NetworkClients clients) {
        this.clients = clients;
    }

    void create(ChannelConfig config, List<NodeRecord> peers) {
        create(config, peers, clients::admin);
    }

    void awaitLeader(String channel, NodeRecord node) {
        awaitLeader(channel, node, clients::admin);
    }

    /**
     * The same with admin connections opened by {@code admins} (nodes outside any consortium, such
     * as the class-archive rehearsal's). Returns the leader's node id.
     */
    public static String create(ChannelConfig config, List<NodeRecord> peers, Function<NodeRecord, AdminClient> admins) {
        List<CompletableFuture<?>> calls = peers.stream()
                .<CompletableFuture<?>>map(node -> CompletableFuture.runAsync(() -> {
                    try (AdminClient admin = admins.apply(node)) {
                        admin.createChannel(config);
                    }
                }))
                .toList();
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        String leader = "";
        for (NodeRecord node : peers) {
            leader = awaitLeader(config.getName(), node, admins);
        }
        return leader;
    }

    private static String awaitLeader(String channel, NodeRecord node, Function<NodeRecord, AdminClient> admins) {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        try (AdminClient admin = admins.apply(node)) {
            while (System.nanoTime() < deadline) {
                try {
                    Optional<ChannelStatus> status = admin.status().getChannelsList().stream()
                            .filter(s -> s.getName().equals(channel)).findFirst();
                    if (status.isPresent() && !status.get().getRaftLeader().isEmpty()) {
                        return status.get().getRaftLeader();
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
