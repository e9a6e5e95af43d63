package io.consortia.platform.channel;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.governance.ConfigChange;
import io.consortia.platform.organization.Organization;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.ChannelBootstrap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChannelConfig} every peer of a channel receives. */
final class ChannelConfigs {
    private ChannelConfigs() {}

    /**
     * Each organisation is listed with its TLS root as well as its identity root, as an
     * ADD_ORGANIZATION change lists it ({@link ConfigChange#organization}). A node's configured
     * trusted roots are only the members' when it was deployed; an organisation that joined later
     * is trusted by the channels that list its TLS root. Without it, a new channel with such a
     * member got no further than a Raft leader on the older nodes, whose appendEntries to the new
     * member's node failed the TLS handshake (PKIX).
     */
    static ChannelConfig build(String name, io.consortia.crypto.SignatureScheme scheme, long consortiumId,
            List<Organization> organizations, List<NodeRecord> peers, Map<Long, String> organizationNames,
            CustodyService custody) {
        ChannelConfig.Builder config = ChannelBootstrap.config(name, scheme, Map.of());
        organizations.forEach(o -> config.addOrganizations(ConfigChange.organization(o.name(),
                custody.root(consortiumId, o.id()), custody.tlsRoot(consortiumId, o.id()))));
        for (NodeRecord node : peers) {
            config.addPeers(Peer.newBuilder()
                    .setNodeId(node.nodeId())
                    .setOrganization(organizationNames.get(node.organizationId()))
                    .setRaftAddress(node.raftAddress())
                    .setApiAddress(node.apiAddress()));
        }
        return config.build();
    }
}
