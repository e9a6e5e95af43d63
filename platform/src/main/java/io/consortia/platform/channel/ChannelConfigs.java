package io.consortia.platform.channel;

import io.consortia.crypto.Pem;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.organization.Organization;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChannelConfig} every peer of a channel receives. */
final class ChannelConfigs {
    private ChannelConfigs() {}

    static ChannelConfig build(String name, io.consortia.crypto.SignatureScheme scheme, long consortiumId,
            List<Organization> organizations, List<NodeRecord> peers, Map<Long, String> organizationNames,
            CustodyService custody) {
        ChannelConfig.Builder config = ChannelConfig.newBuilder()
                .setName(name)
                .setScheme(io.consortia.protocol.v1.SignatureScheme.valueOf(scheme.name()))
                .setCreatedMillis(System.currentTimeMillis());
        for (Organization organization : organizations) {
            config.addOrganizations(io.consortia.protocol.v1.Organization.newBuilder()
                    .setName(organization.name())
                    .setRootCertificatesPem(Pem.write(custody.root(consortiumId, organization.id()))));
        }
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
