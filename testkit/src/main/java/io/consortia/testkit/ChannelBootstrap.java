package io.consortia.testkit;

import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Creates a channel the way operators do: the same {@link ChannelConfig} sent to every member
 * node. The calls run in parallel, because a node may only finish creating its Raft group
 * once a majority of peers has one too.
 */
final class ChannelBootstrap {
    private ChannelBootstrap() {}

    static ChannelConfig config(String name, SignatureScheme scheme, List<Organization> organizations,
            List<MiniNode> nodes) {
        ChannelConfig.Builder config = ChannelConfig.newBuilder()
                .setName(name)
                .setScheme(io.consortia.protocol.v1.SignatureScheme.valueOf(scheme.name()))
                .setCreatedMillis(System.currentTimeMillis());
        for (Organization organization : organizations) {
            config.addOrganizations(io.consortia.protocol.v1.Organization.newBuilder()
                    .setName(organization.name())
                    .setRootCertificatesPem(Pem.write(organization.ca().root())));
        }
        for (MiniNode node : nodes) {
            config.addPeers(peer(node));
        }
        return config.build();
    }

    static Peer peer(MiniNode node) {
        return Peer.newBuilder()
                .setNodeId(node.nodeId())
                .setOrganization(node.organization())
                .setRaftAddress(node.layout().raftAddress())
                .setApiAddress(node.layout().apiAddress())
                .build();
    }

    static void create(ChannelConfig config, List<MiniNode> nodes, Function<MiniNode, AdminClient> admin) {
        List<CompletableFuture<?>> calls = nodes.stream()
                .<CompletableFuture<?>>map(node -> CompletableFuture.runAsync(
                        () -> admin.apply(node).createChannel(config)))
                .toList();
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Waits until every given node has the channel and knows its Raft leader. */
    static void awaitLeader(String channel, List<MiniNode> nodes, Function<MiniNode, AdminClient> admin,
            Duration timeout) {
        for (MiniNode node : nodes) {
            await(node.nodeId() + " knowing the leader of channel " + channel)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(GatewayException.class)
                    .until(() -> status(admin.apply(node), channel)
                            .map(s -> !s.getRaftLeader().isEmpty())
                            .orElse(false));
        }
    }

    /** Waits until every given node's ledger of the channel holds at least {@code height} blocks. */
    static void awaitHeight(String channel, long height, List<MiniNode> nodes, Function<MiniNode, AdminClient> admin,
            Duration timeout) {
        for (MiniNode node : nodes) {
            await(node.nodeId() + " reaching height " + height)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(GatewayException.class)
                    .until(() -> status(admin.apply(node), channel)
                            .map(s -> s.getHeight() >= height)
                            .orElse(false));
        }
    }

    static Optional<ChannelStatus> status(AdminClient admin, String channel) {
        return admin.status().getChannelsList().stream()
                .filter(s -> s.getName().equals(channel))
                .findFirst();
    }
}
