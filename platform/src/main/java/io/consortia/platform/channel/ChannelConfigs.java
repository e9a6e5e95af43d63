package io.consortia.platform.channel;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.organization.Organization;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.ChannelBootstrap;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChannelConfig} every peer of a channel receives. */
final class ChannelConfigs {
    private ChannelConfigs() {}

    static ChannelConfig build(String name, io.consortia.crypto.SignatureScheme scheme, long consortiumId,
            List<Organization> organizations, List<NodeRecord> peers, Map<Long, String> organizationNames,
            CustodyService custody) {
        Map<String, X509Certificate> roots = new LinkedHashMap<>();
        organizations.forEach(o -> roots.put(o.name(), custody.root(consortiumId, o.id())));
        ChannelConfig.Builder config = ChannelBootstrap.config(name, scheme, roots);
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
