package io.consortia.platform.channel;

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

    void create(ChannelConfig config, List<NodeRecord> peers) {
        Map<String, AdminClient> admins = open(peers);
        try {
            io.consortia.sdk.ChannelBootstrap.create(config, admins, LEADER_TIMEOUT);
        } finally {
            admins.values().forEach(AdminClient::close);
        }
    }

    void awaitLeader(String channel, NodeRecord node) {
        try (AdminClient admin = clients.admin(node)) {
            io.consortia.sdk.ChannelBootstrap.awaitLeader(channel, Map.of(node.nodeId(), admin), LEADER_TIMEOUT);
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
