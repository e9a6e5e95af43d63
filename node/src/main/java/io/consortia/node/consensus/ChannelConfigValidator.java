package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.SignatureScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a channel configuration completely and reports every problem at once. */
final class ChannelConfigValidator {
    static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";

    private ChannelConfigValidator() {}

    static void validate(ChannelConfig c, String thisNodeId) {
        List<String> problems = new ArrayList<>();
        if (!c.getName().matches(NAME_PATTERN)) {
            problems.add("name '" + c.getName() + "' must be 1-63 lower-case letters, digits, '.', '_' or '-'");
        }
        if (c.getScheme() == SignatureScheme.SIGNATURE_SCHEME_UNSPECIFIED || c.getScheme() == SignatureScheme.UNRECOGNIZED) {
            problems.add("scheme must be ECDSA_P256_SHA256 or SM2_SM3");
        }
        Set<String> orgs = new HashSet<>();
        for (Organization o : c.getOrganizationsList()) {
            if (o.getName().isBlank() || !orgs.add(o.getName())) {
                problems.add("organization names must be present and unique: '" + o.getName() + "'");
            }
            if (!o.getRootCertificatesPem().contains("BEGIN CERTIFICATE")) {
                problems.add("organization " + o.getName() + " has no root certificate PEM");
            }
        }
        if (orgs.isEmpty()) {
            problems.add("at least one organization is required");
        }
        Set<String> ids = new HashSet<>();
        boolean self = false;
        for (Peer p : c.getPeersList()) {
            if (!ids.add(p.getNodeId())) {
                problems.add("peer " + p.getNodeId() + " is listed twice");
            }
            if (!orgs.contains(p.getOrganization())) {
                problems.add("peer " + p.getNodeId() + " belongs to " + p.getOrganization()
                        + ", which is not an organization of the channel");
            }
            if (!p.getRaftAddress().matches(".+:\\d{1,5}") || !p.getApiAddress().matches(".+:\\d{1,5}")) {
                problems.add("peer " + p.getNodeId() + " needs raft_address and api_address as host:port");
            }
            self |= p.getNodeId().equals(thisNodeId);
        }
        if (!self) {
            problems.add("this node (" + thisNodeId + ") is not a peer of the channel");
        }
        if (!problems.isEmpty()) {
            throw new InvalidChannelConfigException("invalid channel configuration: " + String.join("; ", problems));
        }
    }

}
