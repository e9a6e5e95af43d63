package io.consortia.platform.channel;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.governance.ChannelConfigurator;
import io.consortia.platform.governance.ConfigChange;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The membership changes of one running channel, each a sequence of on-chain configuration
 * changes (one voting change per version, as the node's rules require) with the node calls in
 * between, recorded in the platform only once the chain committed them.
 */
@Component
class ChannelChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelChanges.class);
    private final ChannelService channels;
    private final ChannelConfigurator configurator;
    private final ChannelBootstrap bootstrap;
    private final ConsortiumService consortia;
    private final OrganizationService organizations;
    private final CustodyService custody;
    private final Nodes nodes;
    private final Deployers deployers;

    ChannelChanges(ChannelService channels, ChannelConfigurator configurator, ChannelBootstrap bootstrap,
            ConsortiumService consortia, OrganizationService organizations, CustodyService custody, Nodes nodes,
            Deployers deployers) {
        this.channels = channels;
        this.configurator = configurator;
        this.bootstrap = bootstrap;
        this.consortia = consortia;
        this.organizations = organizations;
        this.custody = custody;
        this.nodes = nodes;
        this.deployers = deployers;
    }

    /**
     * Adds the organisation with its roots (signed by {@code signers}, those that approved), then
     * joins each of its nodes.
     */
    void addOrganization(ChannelRecord channel, long organizationId, List<Long> signers, DeploymentSteps steps) {
        Organization organization = organizations.get(organizationId);
        long consortiumId = channel.consortiumId();
        change(channel, ConfigChange.addOrganization(organization.name(), custody.root(consortiumId, organizationId),
                custody.tlsRoot(consortiumId, organizationId)), signers, steps);
        // Its nodes are its own operational matter, like any member's: every organisation of the
        // channel signs them, the new one included (with it, the policy counts one more).
        ChannelRecord joined = channels.byId(channel.id()).orElseThrow();
        recordMembers(joined);
        for (NodeRecord node : nodes.ofConsortium(consortiumId)) {
            if (node.organizationId() == organizationId) {
                joinNode(joined, node, allMembers(joined), steps);
            }
        }
    }

    /** Takes the organisation's nodes out of the channel, then the organisation itself. */
    void removeOrganization(ChannelRecord channel, long organizationId, List<Long> signers, DeploymentSteps steps) {
        Organization organization = organizations.get(organizationId);
        ChannelConfig current = configurator.current(channel.name(), channels.peers(channel));
        for (Peer peer : current.getPeersList()) {
            if (peer.getOrganization().equals(organization.name())) {
                leave(channel, peer.getNodeId(), signers, steps);
            }
        }
        change(channel, ConfigChange.removeOrganization(organization.name()), signers, steps);
        recordMembers(channels.byId(channel.id()).orElseThrow());
    }

    /** The target's record of the channel's organisations follows the chain's (a cluster's resource lists them). */
    private void recordMembers(ChannelRecord channel) {
        try {
            deployers.channelMembersChanged(channel.consortiumId(), channel.name(),
                    channel.organizationIds().stream().map(organizations::get).toList());
        } catch (RuntimeException e) { // the chain has the change; only the target's record of it lags
            LOG.warn("Channel {} of consortium {} changed its organisations, but its deployment target could not "
                    + "record them: {}", channel.name(), channel.consortiumId(), e.toString());
        }
    }

    /**
     * A new node joins: added as a learner (a configuration change), asked to join with the
     * configuration in force (it installs a peer's checkpoint and follows the log), then
     * promoted to voter once its height reached the others' (a second change).
     */
    void joinNode(ChannelRecord channel, NodeRecord node, List<Long> signers, DeploymentSteps steps) {
        List<NodeRecord> others = channels.peers(channel).stream()
                .filter(n -> !n.nodeId().equals(node.nodeId())).toList();
        String organization = organizations.get(node.organizationId()).name();
        ChannelConfig withLearner = change(channel, ConfigChange.addLearner(node.nodeId(), organization,
                node.raftAddress(), node.apiAddress()), signers, steps);
        steps.step(DeploymentTexts.JOIN.of(node.nodeId(), channel.name()), node.nodeId(), () -> {
            try (AdminClient admin = bootstrap.admin(node)) {
                return admin.joinChannel(withLearner).getMessage();
            } catch (GatewayException e) {
                if (e.status().map(s -> s.getCode() == Status.Code.ALREADY_EXISTS).orElse(false)) {
                    return DeploymentTexts.ALREADY_SERVES.of();
                }
                throw e;
            }
        });
        configurator.awaitCaughtUp(channel.name(), node, others, steps);
        change(channel, ConfigChange.promote(node.nodeId()), signers, steps);
    }

    /**
     * A node leaves the channel's Raft group: demoted to learner, then removed, each change only
     * once Ratis followed the one before (the caller stops the node next).
     */
    void leave(ChannelRecord channel, String nodeId, List<Long> signers, DeploymentSteps steps) {
        List<NodeRecord> others = channels.peers(channel).stream().filter(n -> !n.nodeId().equals(nodeId)).toList();
        change(channel, ConfigChange.demote(nodeId), signers, steps);
        configurator.awaitRaftExit(channel.name(), nodeId, others, false, steps);
        change(channel, ConfigChange.removePeer(nodeId), signers, steps);
        configurator.awaitRaftExit(channel.name(), nodeId, others, true, steps);
    }

    /** Whether {@code nodeId} is a peer of the channel per the configuration the platform last recorded. */
    boolean hasPeer(ChannelRecord channel, String nodeId) {
        return channels.peers(channel).stream().anyMatch(n -> n.nodeId().equals(nodeId));
    }

    /** Every organisation of the channel, for changes the consortium delegated to the platform (a member's nodes). */
    List<Long> allMembers(ChannelRecord channel) {
        return new ArrayList<>(channel.organizationIds());
    }

    private ChannelConfig change(ChannelRecord channel, ConfigChange change, List<Long> signers,
            DeploymentSteps steps) {
        List<NodeRecord> peers = channels.peers(channel);
        ChannelConfigurator.Applied applied = configurator.apply(new ChannelConfigurator.Request(
                channel.consortiumId(), channel.name(), peers, change, signers), steps);
        Map<String, Long> ids = consortia.members(channel.consortiumId()).stream()
                .collect(Collectors.toMap(Organization::name, Organization::id));
        channels.committed(channel.id(), applied.config(), ids);
        return applied.config();
    }
}
