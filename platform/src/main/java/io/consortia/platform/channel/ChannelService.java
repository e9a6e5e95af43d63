package io.consortia.platform.channel;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NetworkChannels;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChannelConfig;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Channels of a consortium. Creating one sends the same configuration to every node of the
 * chosen organisations and waits until the channel has a Raft leader; bad input is refused
 * before anything is recorded or sent.
 */
@Service
public class ChannelService implements NetworkChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);
    static final String NAME = "[a-z][a-z0-9-]{0,29}";
    private final ChannelRepository channels;
    private final ConsortiumService consortia;
    private final OrganizationService organizations;
    private final Nodes nodes;
    private final CustodyService custody;
    private final ChannelBootstrap bootstrap;
    private final ApplicationEventPublisher events;
    private final Deployers deployers;

    ChannelService(ChannelRepository channels, ConsortiumService consortia, OrganizationService organizations,
            Nodes nodes, CustodyService custody, ChannelBootstrap bootstrap, ApplicationEventPublisher events,
            Deployers deployers) {
        this.deployers = deployers;
        this.channels = channels;
        this.consortia = consortia;
        this.organizations = organizations;
        this.nodes = nodes;
        this.custody = custody;
        this.bootstrap = bootstrap;
        this.events = events;
    }

    /** The leader creates a channel with some of the member organisations (all when none are named). */
    public ChannelRecord create(Caller caller, long consortiumId, String name, List<Long> organizationIds) {
        Consortium consortium = requireCreator(caller, consortiumId);
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            throw PlatformException.conflict("The network of consortium " + consortiumId + " is "
                    + consortium.status() + "; channels can be created while it is RUNNING");
        }
        return create(consortium, name, organizationIds);
    }

    /** The consortium, if the caller may create its channels and propose changes to them (403 otherwise). */
    Consortium requireCreator(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!ChannelPolicy.canCreate(caller, consortium)) {
            throw PlatformException.forbidden("Only the consortium leader (an admin of organisation "
                    + consortium.leaderOrganizationId() + ") may do this");
        }
        return consortium;
    }

    /** The first channel, created by a deployment with every member organisation. */
    @Override
    public void createFirst(long consortiumId, String name) {
        create(consortia.get(consortiumId), name, List.of());
    }

    private ChannelRecord create(Consortium consortium, String name, List<Long> requested) {
        if (name == null || !name.matches(NAME)) {
            throw PlatformException.invalid("Channel name must be 1-30 of a-z, 0-9 and '-', starting with a letter");
        }
        List<Long> members = consortia.memberIds(consortium.id());
        List<Long> chosen = requested == null || requested.isEmpty()
                ? members : new ArrayList<>(new LinkedHashSet<>(requested));
        for (long organization : chosen) {
            if (!members.contains(organization)) {
                throw PlatformException.invalid("Organisation " + organization + " is not a member of consortium "
                        + consortium.id());
            }
        }
        for (long organization : chosen) {
            // The departure's operation took the organisation out of the channels it read when it
            // started; a channel created now would keep it, and lose its nodes, for good.
            channels.departureUnderWay(consortium.id(), organization).ifPresent(departure -> {
                throw PlatformException.conflict("Organisation " + organization + " is leaving consortium "
                        + consortium.id() + " (proposal " + departure.id() + ", " + departure.kind() + ", "
                        + departure.status() + "): a channel created with it now would keep it once it is gone, "
                        + "without its nodes. Create the channel without it, or once the proposal's operation ended");
            });
        }
        List<NodeRecord> peers = nodes.ofConsortium(consortium.id()).stream()
                .filter(n -> chosen.contains(n.organizationId())).toList();
        for (long organization : chosen) {
            if (peers.stream().noneMatch(n -> n.organizationId() == organization)) {
                throw PlatformException.conflict("Organisation " + organization + " has no node in the network; "
                        + "add one first");
            }
        }
        List<Organization> chosenOrganizations = chosen.stream().map(organizations::get).toList();
        Optional<ChannelRecord> existing = channels.byName(consortium.id(), name);
        if (existing.isPresent()) {
            return createAgain(consortium, existing.get(), chosen, chosenOrganizations);
        }
        Map<Long, String> names = chosenOrganizations.stream()
                .collect(Collectors.toMap(Organization::id, Organization::name));
        ChannelConfig config = ChannelConfigs.build(name, consortium.signatureScheme().scheme(), consortium.id(),
                chosenOrganizations, peers, names, custody);
        long id;
        try {
            id = channels.insert(consortium.id(), name, chosen);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw PlatformException.conflict("Channel '" + name + "' already exists in consortium " + consortium.id());
        }
        return createOnNodes(consortium, id, config, peers, chosenOrganizations);
    }

    /**
     * The same request again for a channel whose creation FAILED: its stored genesis configuration
     * goes to the same nodes again. A node that already runs the channel answers with it (creating
     * is idempotent on the node), one that lacks it creates it from the identical genesis, so every
     * peer ends up in the one Raft group with the same block 0. Cleaning up instead is not safe
     * with Raft: the nodes that did create the channel may have elected a leader and committed
     * entries, and a node that kept (or missed deleting) that log would meet a new channel of the
     * same name with another genesis. Hence another set of organisations is refused (409), and
     * nothing changes when the request is refused.
     */
    private ChannelRecord createAgain(Consortium consortium, ChannelRecord channel, List<Long> chosen,
            List<Organization> chosenOrganizations) {
        String name = channel.name();
        if (!"FAILED".equals(channel.status())) {
            throw PlatformException.conflict("Channel '" + name + "' already exists in consortium " + consortium.id());
        }
        if (!new java.util.HashSet<>(channel.organizationIds()).equals(new java.util.HashSet<>(chosen))) {
            throw PlatformException.conflict("Channel '" + name + "' failed to be created with organisations "
                    + channel.organizationIds() + " and may already run on some of their nodes; create it again "
                    + "with the same organisations");
        }
        ChannelConfig config = storedConfig(channel).orElseThrow(() -> PlatformException.conflict("Channel '"
                + name + "' failed before its configuration was recorded; it cannot be created again"));
        List<NodeRecord> peers = peers(channel);
        if (peers.size() != config.getPeersCount()) {
            throw PlatformException.conflict("Channel '" + name + "' cannot be created again: a node of its "
                    + "configuration no longer exists");
        }
        if (!channels.changeStatus(channel.id(), "FAILED", "CREATING")) {
            throw PlatformException.conflict("Channel '" + name + "' is being created again; wait for it");
        }
        LOG.info("Creating channel {} of consortium {} again on {}", name, consortium.id(),
                peers.stream().map(NodeRecord::nodeId).toList());
        return createOnNodes(consortium, channel.id(), config, peers, chosenOrganizations);
    }

    private ChannelRecord createOnNodes(Consortium consortium, long id, ChannelConfig config, List<NodeRecord> peers,
            List<Organization> chosenOrganizations) {
        String name = config.getName();
        String encoded = Base64.getEncoder().encodeToString(config.toByteArray());
        try {
            bootstrap.create(config, peers);
        } catch (RuntimeException e) {
            LOG.warn("Creating channel {} of consortium {} failed", name, consortium.id(), e);
            channels.status(id, "FAILED", NodeRepositoryText.truncate(e.getMessage()), encoded);
            throw new PlatformException(HttpStatus.BAD_GATEWAY, "channel-creation-failed", "Channel '" + name
                    + "' could not be created on the nodes: " + e.getMessage() + ". The same request creates it "
                    + "again once the cause is fixed", e);
        }
        channels.status(id, "ACTIVE", null, encoded);
        try {
            deployers.channelCreated(consortium.id(), name, chosenOrganizations);
        } catch (RuntimeException e) { // the channel serves; only the target's record of it lags
            LOG.warn("Channel {} of consortium {} serves, but its deployment target could not record it: {}", name,
                    consortium.id(), e.toString());
        }
        events.publishEvent(new ChannelActivated(id));
        return channels.byId(id).orElseThrow();
    }

    public List<ChannelRecord> list(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return channels.ofConsortium(consortiumId);
    }

    public ChannelRecord get(Caller caller, long consortiumId, String name) {
        consortia.requireVisible(caller, consortiumId);
        return require(consortiumId, name);
    }

    /** The channel, or 404 naming what is missing: the consortium itself, else the channel. */
    public ChannelRecord require(long consortiumId, String name) {
        return channels.byName(consortiumId, name).orElseThrow(() -> {
            consortia.get(consortiumId); // looked up only on a miss, so the hit path costs one query
            return PlatformException.notFound("Channel", "'" + name + "'");
        });
    }

    public Optional<ChannelRecord> byId(long channelId) {
        return channels.byId(channelId);
    }

    public List<ChannelRecord> ofConsortium(long consortiumId) {
        return channels.ofConsortium(consortiumId);
    }

    public List<ChannelRecord> active() {
        return channels.withStatus("ACTIVE");
    }

    /** The nodes that serve the channel, per its stored configuration. */
    public List<NodeRecord> peers(ChannelRecord channel) {
        Map<String, NodeRecord> byId = nodes.ofConsortium(channel.consortiumId()).stream()
                .collect(Collectors.toMap(NodeRecord::nodeId, Function.identity()));
        return storedConfig(channel).map(c -> c.getPeersList().stream()
                .map(p -> byId.get(p.getNodeId())).filter(n -> n != null).toList()).orElse(List.of());
    }

    /** The configuration recorded last: the genesis sent at creation, then each committed change. */
    Optional<ChannelConfig> storedConfig(ChannelRecord channel) {
        return channels.config(channel.id()).filter(c -> c != null && !c.isEmpty()).map(c -> {
            try {
                return ChannelConfig.parseFrom(Base64.getDecoder().decode(c));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("Stored configuration of channel " + channel.id() + " is unreadable", e);
            }
        });
    }

    @Override
    public String awaitLeaders(long consortiumId) {
        List<ChannelRecord> active = channels.ofConsortium(consortiumId).stream()
                .filter(c -> "ACTIVE".equals(c.status())).toList();
        for (ChannelRecord channel : active) {
            for (NodeRecord node : peers(channel)) {
                bootstrap.awaitLeader(channel.name(), node);
            }
        }
        return DeploymentTexts.LEADERS.of(active.size());
    }

    @Override
    public boolean exist(long consortiumId) {
        return !channels.ofConsortium(consortiumId).isEmpty();
    }

    @Override
    public void forgetAll(long consortiumId) {
        List<Long> ids = channels.ofConsortium(consortiumId).stream().map(ChannelRecord::id).toList();
        events.publishEvent(new ChannelsRemoving(ids));
        channels.deleteOfConsortium(consortiumId);
    }

    /** Records a committed configuration change: the configuration now in force and the members it has. */
    void committed(long channelId, ChannelConfig config, Map<String, Long> organizationIds) {
        channels.config(channelId, Base64.getEncoder().encodeToString(config.toByteArray()));
        List<Long> recorded = channels.byId(channelId).orElseThrow().organizationIds();
        List<Long> inConfig = config.getOrganizationsList().stream().map(o -> organizationIds.get(o.getName()))
                .filter(java.util.Objects::nonNull).toList();
        inConfig.stream().filter(id -> !recorded.contains(id)).forEach(id -> channels.addMember(channelId, id));
        recorded.stream().filter(id -> !inConfig.contains(id)).forEach(id -> channels.removeMember(channelId, id));
    }

    /** Shortens node error texts for the reason column. */
    static final class NodeRepositoryText {
        private NodeRepositoryText() {}

        static String truncate(String text) {
            return text == null || text.length() <= 1900 ? text : text.substring(0, 1897) + "...";
        }
    }
}
