package io.consortia.platform.channel;

import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.sdk.AdminClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The SDK's {@link io.consortia.sdk.ChannelBootstrap} with admin connections to the
 * consortium's nodes, opened for the call and closed after it.
 */
@Component
class ChannelBootstrap {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private final NetworkClients clients;

    ChannelBootstrap(NetworkClients clients) {
        this.clients = clients;
    }

    /**
     * As the SDK's {@code create}: the channel on every node at once, then a leader seen by each;
     * a node that sees none fails it with the platform's sentence (the channel's reason, which the
     * console shows in the reader's language).
     */
    void create(ChannelConfig config, List<NodeRecord> peers) {
        Map<String, AdminClient> admins = open(peers);
        try {
            io.consortia.sdk.ChannelBootstrap.createOnEvery(config, admins.values());
            admins.forEach((nodeId, admin) -> awaitLeader(config.getName(), nodeId, admin));
        } finally {
            admins.values().forEach(AdminClient::close);
        }
    }

    void awaitLeader(String channel, NodeRecord node) {
        try (AdminClient admin = clients.admin(node)) {
            awaitLeader(channel, node.nodeId(), admin);
        }
    }

    private static void awaitLeader(String channel, String nodeId, AdminClient admin) {
        try {
            io.consortia.sdk.ChannelBootstrap.awaitLeader(channel, Map.of(nodeId, admin), LEADER_TIMEOUT);
        } catch (IllegalStateException noLeader) { // the SDK's one failure of the wait: no leader in time
            throw new IllegalStateException(DeploymentTexts.NO_LEADER_SEEN.of(nodeId, channel,
                    LEADER_TIMEOUT.toSeconds()), noLeader);
        }
    }

    AdminClient admin(NodeRecord node) {
        return clients.admin(node);
    }

    private Map<String, AdminClient> open(List<NodeRecord> peers) {
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        try {
            peers.forEach(node -> admins.put(node.nodeId(), clients.admin(node)));
        } catch (RuntimeException e) {
            admins.values().forEach(AdminClient::close);
            throw e;
        }
        return admins;
    }
}
