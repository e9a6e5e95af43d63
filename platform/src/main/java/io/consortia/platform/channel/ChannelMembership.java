package io.consortia.platform.channel;

import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.NodeMembership;
import io.consortia.platform.deploy.NodeRecord;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Nodes added to or removed from a running network join or leave their organisation's channels
 * on chain. A member's own nodes are an operational matter the consortium delegates to the
 * platform: the change is signed by the custodial admin of every organisation of the channel,
 * without a vote (adding or removing organisations goes through {@link ChannelProposalService}).
 */
@Component
class ChannelMembership implements NodeMembership {
    private final ChannelService channels;
    private final ChannelChanges changes;

    ChannelMembership(ChannelService channels, ChannelChanges changes) {
        this.channels = channels;
        this.changes = changes;
    }

    @Override
    public String join(NodeRecord node, DeploymentSteps steps) {
        List<String> joined = new ArrayList<>();
        for (ChannelRecord channel : channels.ofConsortium(node.consortiumId())) {
            if ("ACTIVE".equals(channel.status()) && channel.organizationIds().contains(node.organizationId())) {
                changes.joinNode(channel, node, changes.allMembers(channel), steps);
                joined.add(channel.name());
            }
        }
        return joined.isEmpty() ? "its organisation is in no channel yet" : "joined " + String.join(", ", joined);
    }

    @Override
    public String leave(NodeRecord node, DeploymentSteps steps) {
        List<String> left = new ArrayList<>();
        for (ChannelRecord channel : channels.ofConsortium(node.consortiumId())) {
            if ("ACTIVE".equals(channel.status()) && changes.hasPeer(channel, node.nodeId())) {
                changes.leave(channel, node.nodeId(), changes.allMembers(channel), steps);
                left.add(channel.name());
            }
        }
        return left.isEmpty() ? "it served no channel" : "left " + String.join(", ", left);
    }
}
