package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelLimits;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import io.consortia.protocol.v1.RevokedCertificate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Objects;

/**
 * Builds, signs and assembles a change of a channel's configuration. Signing is separate from
 * submitting, so the admins of several organisations (or a custodian holding their keys) can each
 * sign the same update bytes, and anyone can submit the result with
 * {@link Channel#submitConfigUpdate}.
 *
 * <pre>{@code
 * ChannelConfig current = channel.config().getConfig();
 * ConfigUpdate update = ConfigChanges.next(current)
 *         .addOrganization("org4", org4RootsPem)
 *         .build();
 * SignedConfigUpdate signed = ConfigChanges.assemble(update, List.of(
 *         ConfigChanges.sign(update, org1Admin), ConfigChanges.sign(update, org2Admin)));
 * SubmitResponse outcome = channel.submitConfigUpdate(signed);   // code VALID, or CONFIG_* with a reason
 * }</pre>
 *
 * <p>The builder only edits the configuration; the node decides whether the change is allowed
 * (docs/protocol.md, "Configuration changes"): one voter change at a time, a new peer joins as a
 * LEARNER, only a learner is removed, an organisation with peers stays. Not thread-safe.
 */
public final class ConfigChanges {
    private final long baseVersion;
    private final ChannelConfig.Builder next;

    private ConfigChanges(ChannelConfig current) {
        this.baseVersion = Math.max(1, current.getVersion()); // stored version 0 is version 1
        this.next = current.toBuilder().setVersion(baseVersion + 1);
    }

    /** Starts the next version of {@code current} (the configuration in force, see {@link Channel#config()}). */
    public static ConfigChanges next(ChannelConfig current) {
        return new ConfigChanges(Objects.requireNonNull(current, "current"));
    }

    /** Adds a member organisation trusting these root CA certificates (PEM); it has no peers yet. */
    public ConfigChanges addOrganization(String name, String rootCertificatesPem) {
        return addOrganization(Organization.newBuilder().setName(requireText(name, "name"))
                .setRootCertificatesPem(requireText(rootCertificatesPem, "rootCertificatesPem")).build());
    }

    public ConfigChanges addOrganization(Organization organization) {
        Objects.requireNonNull(organization, "organization");
        if (indexOfOrganization(organization.getName()) >= 0) {
            throw new IllegalArgumentException("organization " + organization.getName() + " is already a member");
        }
        next.addOrganizations(organization);
        return this;
    }

    /** Removes an organisation (the node refuses it while the organisation still has peers). */
    public ConfigChanges removeOrganization(String name) {
        next.removeOrganizations(requireOrganization(name));
        return this;
    }

    /** Adds a peer as a non-voting LEARNER (how every new peer joins). */
    public ConfigChanges addLearner(String nodeId, String organization, String raftAddress, String apiAddress) {
        if (indexOfPeer(nodeId) >= 0) {
            throw new IllegalArgumentException("peer " + nodeId + " is already in the configuration");
        }
        next.addPeers(Peer.newBuilder().setNodeId(requireText(nodeId, "nodeId"))
                .setOrganization(requireText(organization, "organization"))
                .setRaftAddress(requireText(raftAddress, "raftAddress"))
                .setApiAddress(requireText(apiAddress, "apiAddress"))
                .setRole(PeerRole.LEARNER).build());
        return this;
    }

    /** Makes a learner a VOTER. */
    public ConfigChanges promote(String nodeId) {
        return role(nodeId, PeerRole.VOTER);
    }

    /** Makes a voter a LEARNER (before it can be removed). */
    public ConfigChanges demote(String nodeId) {
        return role(nodeId, PeerRole.LEARNER);
    }

    /** Removes a peer (the node refuses it unless the peer is a LEARNER). */
    public ConfigChanges removePeer(String nodeId) {
        next.removePeers(requirePeer(nodeId));
        return this;
    }

    public ConfigChanges policy(ChangePolicy policy) {
        next.setPolicy(Objects.requireNonNull(policy, "policy"));
        return this;
    }

    public ConfigChanges limits(ChannelLimits limits) {
        next.setLimits(Objects.requireNonNull(limits, "limits"));
        return this;
    }

    /** Revokes a certificate the organisation issued, by serial number: its holder's transactions are refused. */
    public ConfigChanges revokeCertificate(String organization, BigInteger serialNumber, long revokedMillis,
                                           String reason) {
        Objects.requireNonNull(serialNumber, "serialNumber");
        int index = requireOrganization(organization);
        Organization org = next.getOrganizations(index);
        ByteString serial = ByteString.copyFrom(serialNumber.toByteArray());
        if (org.getRevokedList().stream().anyMatch(r -> new BigInteger(r.getSerialNumber().toByteArray())
                .equals(serialNumber))) {
            return this; // already revoked
        }
        next.setOrganizations(index, org.toBuilder().addRevoked(RevokedCertificate.newBuilder()
                .setSerialNumber(serial).setRevokedMillis(revokedMillis)
                .setReason(reason == null ? "" : reason)).build());
        return this;
    }

    /** The configuration as edited so far. */
    public ChannelConfig config() {
        return next.build();
    }

    /** The update: this configuration based on the current version. */
    public ConfigUpdate build() {
        ChannelConfig config = next.build();
        return ConfigUpdate.newBuilder().setChannel(config.getName()).setBaseVersion(baseVersion)
                .setConfig(config).build();
    }

    /** An admin's approval: the identity's signature over the serialized update, with its certificate. */
    public static ConfigSignature sign(ConfigUpdate update, Identity admin) {
        return sign(Objects.requireNonNull(update, "update").toByteString(), admin);
    }

    /** Signs update bytes exactly as given (the bytes that {@link #assemble(ByteString, List)} carries). */
    public static ConfigSignature sign(ByteString updateBytes, Identity admin) {
        Objects.requireNonNull(updateBytes, "updateBytes");
        Objects.requireNonNull(admin, "admin");
        try {
            return ConfigSignature.newBuilder().setOrganization(admin.organization())
                    .setCertificate(ByteString.copyFrom(admin.certificate().getEncoded()))
                    .setSignature(ByteString.copyFrom(admin.signer().sign(updateBytes.toByteArray())))
                    .build();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the admin's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The argument of the configuration transaction: the update with its signatures. */
    public static SignedConfigUpdate assemble(ConfigUpdate update, List<ConfigSignature> signatures) {
        return assemble(Objects.requireNonNull(update, "update").toByteString(), signatures);
    }

    public static SignedConfigUpdate assemble(ByteString updateBytes, List<ConfigSignature> signatures) {
        return SignedConfigUpdate.newBuilder().setUpdate(Objects.requireNonNull(updateBytes, "updateBytes"))
                .addAllSignatures(Objects.requireNonNull(signatures, "signatures")).build();
    }

    private ConfigChanges role(String nodeId, PeerRole role) {
        int index = requirePeer(nodeId);
        next.setPeers(index, next.getPeers(index).toBuilder().setRole(role).build());
        return this;
    }

    private int indexOfOrganization(String name) {
        for (int i = 0; i < next.getOrganizationsCount(); i++) {
            if (next.getOrganizations(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int requireOrganization(String name) {
        int index = indexOfOrganization(Objects.requireNonNull(name, "organization"));
        if (index < 0) {
            throw new IllegalArgumentException("organization " + name + " is not in the configuration");
        }
        return index;
    }

    private int indexOfPeer(String nodeId) {
        for (int i = 0; i < next.getPeersCount(); i++) {
            if (next.getPeers(i).getNodeId().equals(nodeId)) {
                return i;
            }
        }
        return -1;
    }

    private int requirePeer(String nodeId) {
        int index = indexOfPeer(Objects.requireNonNull(nodeId, "nodeId"));
        if (index < 0) {
            throw new IllegalArgumentException("peer " + nodeId + " is not in the configuration");
        }
        return index;
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
