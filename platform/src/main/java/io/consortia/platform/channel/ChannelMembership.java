package io.consortia.platform.channel;

import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.NodeMembership;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
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
    public void requireLeavable(NodeRecord node) {
        List<String> lastVoterOf = new ArrayList<>();
        for (ChannelRecord channel : leaving(node)) {
            channels.storedConfig(channel).ifPresent(config -> {
                List<Peer> voters = config.getPeersList().stream().filter(p -> p.getRole() == PeerRole.VOTER).toList();
                if (voters.size() == 1 && voters.get(0).getNodeId().equals(node.nodeId())) {
                    lastVoterOf.add(channel.name());
                }
            });
        }
        if (!lastVoterOf.isEmpty()) {
            throw PlatformException.conflict("Node " + node.nodeId() + " is the last voter of channel(s) "
                    + String.join(", ", lastVoterOf) + "; a channel keeps at least one voter. Add another node of "
                    + "its organisation first (POST /api/v1/consortia/" + node.consortiumId() + "/organizations/"
                    + node.organizationId() + "/nodes; it joins every channel of the organisation as a voter), "
                    + "then remove this one. Nothing was changed");
        }
    }

    @Override
    public String leave(NodeRecord node, DeploymentSteps steps) {
        List<String> left = new ArrayList<>();
        for (ChannelRecord channel : leaving(node)) {
            changes.leave(channel, node.nodeId(), changes.allMembers(channel), steps);
            left.add(channel.name());
        }
        return left.isEmpty() ? "it served no channel" : "left " + String.join(", ", left);
    }

    /** The active channels the node serves, per their recorded configurations: those it leaves. */
    private List<ChannelRecord> leaving(NodeRecord node) {
        return channels.ofConsortium(node.consortiumId()).stream()
                .filter(c -> "ACTIVE".equals(c.status()) && changes.hasPeer(c, node.nodeId())).toList();
    }
}
