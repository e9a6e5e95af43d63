package io.consortia.platform.governance;

import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.crypto.Pem;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import io.consortia.protocol.v1.RevokedCertificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One step from a channel's configuration to its next version. Each change knows whether a
 * configuration already contains it, so an operation that is retried after a failure (or after
 * the platform restarted between commit and bookkeeping) skips what the chain already has
 * instead of submitting it twice.
 *
 * <p>The node's change rules (docs/protocol.md) allow one voting change per version: a peer joins
 * as LEARNER, is promoted later; a voter is demoted before it is removed; an organisation leaves
 * only once it has no peers. The factories below respect them and refuse (409) a change the
 * chain would refuse, before anything is signed.
 */
public final class ConfigChange {
    private final String description;
    private final Predicate<ChannelConfig> applied;
    private final UnaryOperator<ChannelConfig> next;

    private ConfigChange(String description, Predicate<ChannelConfig> applied, UnaryOperator<ChannelConfig> next) {
        this.description = description;
        this.applied = applied;
        this.next = next;
    }

    /**
     * A change of its own: {@code next} returns the changed configuration (version untouched),
     * {@code applied} says whether a configuration already has it.
     */
    public static ConfigChange of(String description, Predicate<ChannelConfig> applied,
            UnaryOperator<ChannelConfig> next) {
        return new ConfigChange(Objects.requireNonNull(description), Objects.requireNonNull(applied),
                Objects.requireNonNull(next));
    }

    /** Adds an organisation with its identity root and its TLS root (trusted by every node once committed). */
    public static ConfigChange addOrganization(String name, X509Certificate root, X509Certificate tlsRoot) {
        Organization organization = organization(name, root, tlsRoot);
        return of(DeploymentTexts.ADD_ORGANIZATION.of(name), config -> organization(config, name) != null,
                config -> config.toBuilder().addOrganizations(organization).build());
    }

    /**
     * An organisation as a channel configuration lists it: its identity root and its TLS root.
     * Every node serving the channel trusts that TLS root as soon as the configuration is in
     * force (a channel's genesis as well as a committed change), which is how the nodes of an
     * organisation that joined after them become reachable over mutual TLS.
     */
    public static Organization organization(String name, X509Certificate root, X509Certificate tlsRoot) {
        return Organization.newBuilder().setName(name)
                .setRootCertificatesPem(Pem.write(root))
                .setTlsRootCertificatesPem(Pem.write(tlsRoot))
                .build();
    }

    /** Removes an organisation that no longer has peers in the channel. */
    public static ConfigChange removeOrganization(String name) {
        return of(DeploymentTexts.REMOVE_ORGANIZATION_CHANGE.of(name), config -> organization(config, name) == null, config -> {
            long peers = config.getPeersList().stream().filter(p -> p.getOrganization().equals(name)).count();
            if (peers > 0) {
                throw PlatformException.conflict("Organisation " + name + " still has " + peers
                        + " node(s) in channel " + config.getName() + "; remove them first");
            }
            ChannelConfig.Builder builder = config.toBuilder().clearOrganizations();
            config.getOrganizationsList().stream().filter(o -> !o.getName().equals(name))
                    .forEach(builder::addOrganizations);
            return builder.build();
        });
    }

    /** Adds a node as a non-voting LEARNER; it is promoted once it has caught up ({@link #promote}). */
    public static ConfigChange addLearner(String nodeId, String organization, String raftAddress, String apiAddress) {
        Peer peer = Peer.newBuilder().setNodeId(nodeId).setOrganization(organization).setRaftAddress(raftAddress)
                .setApiAddress(apiAddress).setRole(PeerRole.LEARNER).build();
        return of(DeploymentTexts.ADD_LEARNER.of(nodeId), config -> peer(config, nodeId) != null, config -> {
            if (organization(config, organization) == null) {
                throw PlatformException.conflict("Organisation " + organization + " is not in channel "
                        + config.getName() + "; add the organisation first");
            }
            return config.toBuilder().addPeers(peer).build();
        });
    }

    /** Makes a learner a Raft voter. */
    public static ConfigChange promote(String nodeId) {
        return of(DeploymentTexts.PROMOTE.of(nodeId), config -> {
            Peer peer = requirePeer(config, nodeId);
            return peer.getRole() == PeerRole.VOTER;
        }, config -> withRole(config, nodeId, PeerRole.VOTER));
    }

    /** Makes a voter a learner, the step before removing it; refused when it is the last voter. */
    public static ConfigChange demote(String nodeId) {
        return of(DeploymentTexts.DEMOTE.of(nodeId), config -> {
            Peer peer = peer(config, nodeId);
            return peer == null || peer.getRole() == PeerRole.LEARNER;
        }, config -> {
            long voters = config.getPeersList().stream().filter(p -> p.getRole() == PeerRole.VOTER).count();
            if (voters <= 1) {
                throw PlatformException.conflict("Node " + nodeId + " is the last voter of channel "
                        + config.getName() + "; a channel keeps at least one voter");
            }
            return withRole(config, nodeId, PeerRole.LEARNER);
        });
    }

    /** Removes a learner (demote a voter first). */
    public static ConfigChange removePeer(String nodeId) {
        return of(DeploymentTexts.REMOVE_NODE.of(nodeId), config -> peer(config, nodeId) == null, config -> {
            if (peer(config, nodeId).getRole() != PeerRole.LEARNER) {
                throw PlatformException.conflict("Node " + nodeId + " still votes in channel " + config.getName()
                        + "; demote it first");
            }
            ChannelConfig.Builder builder = config.toBuilder().clearPeers();
            config.getPeersList().stream().filter(p -> !p.getNodeId().equals(nodeId)).forEach(builder::addPeers);
            return builder.build();
        });
    }

    /** Lists a certificate an organisation issued as revoked. */
    public static ConfigChange revoke(String organization, RevokedCertificate revoked) {
        Predicate<ChannelConfig> applied = config -> {
            Organization org = organization(config, organization);
            return org != null && org.getRevokedList().stream()
                    .anyMatch(r -> r.getSerialNumber().equals(revoked.getSerialNumber()));
        };
        return of("revoke a certificate of " + organization, applied, config -> {
            Organization org = organization(config, organization);
            if (org == null) {
                throw PlatformException.conflict("Organisation " + organization + " is not in channel "
                        + config.getName());
            }
            ChannelConfig.Builder builder = config.toBuilder().clearOrganizations();
            for (Organization o : config.getOrganizationsList()) {
                builder.addOrganizations(o.getName().equals(organization) ? o.toBuilder().addRevoked(revoked).build() : o);
            }
            return builder.build();
        });
    }

    public String description() {
        return description;
    }

    /** Whether {@code config} already contains this change. */
    public boolean isAppliedIn(ChannelConfig config) {
        return applied.test(config);
    }

    /**
     * The next version of {@code current} with this change: version + 1, everything else as
     * the change says.
     *
     * @throws PlatformException (409) when the change does not fit the current configuration
     */
    public ChannelConfig nextOf(ChannelConfig current) {
        ChannelConfig changed = next.apply(current);
        return changed.toBuilder().setVersion(versionOf(current) + 1).build();
    }

    /** A configuration's version; 0 (written before versions existed) reads as 1, like the node does. */
    public static long versionOf(ChannelConfig config) {
        return Math.max(1, config.getVersion());
    }

    public static Peer peer(ChannelConfig config, String nodeId) {
        return config.getPeersList().stream().filter(p -> p.getNodeId().equals(nodeId)).findFirst().orElse(null);
    }

    public static Organization organization(ChannelConfig config, String name) {
        return config.getOrganizationsList().stream().filter(o -> o.getName().equals(name)).findFirst().orElse(null);
    }

    private static Peer requirePeer(ChannelConfig config, String nodeId) {
        Peer peer = peer(config, nodeId);
        if (peer == null) {
            throw PlatformException.conflict("Node " + nodeId + " is not a peer of channel " + config.getName());
        }
        return peer;
    }

    private static ChannelConfig withRole(ChannelConfig config, String nodeId, PeerRole role) {
        requirePeer(config, nodeId);
        ChannelConfig.Builder builder = config.toBuilder().clearPeers();
        for (Peer p : config.getPeersList()) {
            builder.addPeers(p.getNodeId().equals(nodeId) ? p.toBuilder().setRole(role).build() : p);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return description;
    }
}
