package io.consortia.node.consensus;

import io.consortia.crypto.Pem;
import io.consortia.node.execution.Membership;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.SignatureScheme;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a channel configuration completely and reports every problem at once. Everything a
 * node needs to open the channel later is checked here (the root certificates are parsed the
 * way {@link Membership} parses them), because a configuration is stored before the channel
 * opens and read again at every start: what passes here must open.
 */
public final class ChannelConfigValidator {
    static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    /** Same rule as a node's own nodeId (NodeConfigLoader). */
    static final String NODE_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    /** X.520 upper bound of an organisation name (the O of its certificates). */
    static final int MAX_ORGANIZATION_LENGTH = 64;
    /** host:port or [IPv6]:port; the port is checked for its range separately. */
    private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");
    /** Echoed values are cut to this, so a huge field cannot make a huge error. */
    private static final int ECHO = 64;

    private ChannelConfigValidator() {}

    static void validate(ChannelConfig c, String thisNodeId) {
        List<String> problems = problems(c);
        if (c.getPeersList().stream().noneMatch(p -> p.getNodeId().equals(thisNodeId))) {
            problems.add("this node (" + thisNodeId + ") is not a peer of the channel");
        }
        if (!problems.isEmpty()) {
            throw new InvalidChannelConfigException("invalid channel configuration: " + String.join("; ", problems));
        }
    }

    /**
     * Every problem of a configuration on its own, whoever reads it (also a configuration change,
     * where "this node is a peer" is not a rule): empty when valid. Mutable, so callers may add.
     */
    public static List<String> problems(ChannelConfig c) {
        List<String> problems = new ArrayList<>();
        if (!c.getName().matches(NAME_PATTERN)) {
            problems.add("name '" + echo(c.getName()) + "' must be 1-63 lower-case letters, digits, '.', '_' or '-'");
        }
        if (c.getScheme() == SignatureScheme.SIGNATURE_SCHEME_UNSPECIFIED || c.getScheme() == SignatureScheme.UNRECOGNIZED) {
            problems.add("scheme must be ECDSA_P256_SHA256 or SM2_SM3");
        }
        if (c.getCreatedMillis() < 0) {
            problems.add("created_millis " + c.getCreatedMillis() + " is negative; it is milliseconds since 1970");
        }
        Set<String> orgs = new HashSet<>();
        for (Organization o : c.getOrganizationsList()) {
            String name = o.getName();
            if (name.isBlank() || !orgs.add(name)) {
                problems.add("organization names must be present and unique: '" + echo(name) + "'");
            } else if (name.length() > MAX_ORGANIZATION_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
                problems.add("organization name '" + echo(name) + "' must be at most " + MAX_ORGANIZATION_LENGTH
                        + " characters without control characters");
            }
            rootProblem(o).ifPresent(problems::add);
            tlsRootProblem(o).ifPresent(problems::add);
            for (io.consortia.protocol.v1.RevokedCertificate r : o.getRevokedList()) {
                if (r.getSerialNumber().isEmpty()) {
                    problems.add("organization '" + echo(name) + "' revokes a certificate without a serial number");
                    break;
                }
            }
        }
        if (orgs.isEmpty()) {
            problems.add("at least one organization is required");
        }
        if (c.getPolicy() == io.consortia.protocol.v1.ChangePolicy.UNRECOGNIZED) {
            problems.add("policy must be MAJORITY, ANY or ALL");
        }
        if (c.getLimits().getTimestampWindowMillis() < 0) {
            problems.add("limits.timestamp_window_millis " + c.getLimits().getTimestampWindowMillis()
                    + " is negative; 0 means the node's own setting");
        }
        Set<String> ids = new HashSet<>();
        int voters = 0;
        for (Peer p : c.getPeersList()) {
            String id = echo(p.getNodeId());
            if (!p.getNodeId().matches(NODE_ID_PATTERN)) {
                problems.add("peer node_id '" + id + "' must be 1-63 letters, digits, '.', '_' or '-'");
            }
            if (!ids.add(p.getNodeId())) {
                problems.add("peer " + id + " is listed twice");
            }
            if (!orgs.contains(p.getOrganization())) {
                problems.add("peer " + id + " belongs to '" + echo(p.getOrganization())
                        + "', which is not an organization of the channel");
            }
            addressProblem(id, "raft_address", p.getRaftAddress()).ifPresent(problems::add);
            addressProblem(id, "api_address", p.getApiAddress()).ifPresent(problems::add);
            if (p.getRole() == io.consortia.protocol.v1.PeerRole.UNRECOGNIZED) {
                problems.add("peer " + id + " has a role that is neither VOTER nor LEARNER");
            } else if (p.getRole() == io.consortia.protocol.v1.PeerRole.VOTER) {
                voters++;
            }
        }
        if (voters == 0) {
            problems.add("at least one peer must be a VOTER");
        }
        return problems;
    }

    private static java.util.Optional<String> rootProblem(Organization o) {
        String what = "organization '" + echo(o.getName()) + "'";
        if (!o.getRootCertificatesPem().contains("BEGIN CERTIFICATE")) {
            return java.util.Optional.of(what + " has no root certificate PEM");
        }
        List<X509Certificate> roots;
        try {
            roots = Pem.readCertificates(o.getRootCertificatesPem());
        } catch (RuntimeException e) {
            return java.util.Optional.of(what + ": root_certificates_pem is not readable PEM X.509 ("
                    + echo(String.valueOf(e.getMessage())) + ")");
        }
        if (roots.isEmpty()) {
            return java.util.Optional.of(what + " has no root certificate PEM");
        }
        for (X509Certificate root : roots) {
            if (root.getBasicConstraints() < 0) {
                return java.util.Optional.of(what + ": root certificate " + echo(root.getSubjectX500Principal().getName())
                        + " is not a CA certificate");
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> tlsRootProblem(Organization o) {
        if (o.getTlsRootCertificatesPem().isEmpty()) {
            return java.util.Optional.empty(); // the signing roots serve TLS too
        }
        try {
            if (!Pem.readCertificates(o.getTlsRootCertificatesPem()).isEmpty()) {
                return java.util.Optional.empty();
            }
        } catch (RuntimeException e) {
            // reported below
        }
        return java.util.Optional.of("organization '" + echo(o.getName())
                + "': tls_root_certificates_pem is not readable PEM X.509");
    }

    private static java.util.Optional<String> addressProblem(String peer, String field, String address) {
        Matcher m = ADDRESS.matcher(address);
        if (!m.matches()) {
            return java.util.Optional.of("peer " + peer + " needs " + field + " as host:port, not '" + echo(address) + "'");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return java.util.Optional.of("peer " + peer + " " + field + " port " + port + " is not in 1-65535");
        }
        return java.util.Optional.empty();
    }

    private static String echo(String value) {
        return value.length() <= ECHO ? value : value.substring(0, ECHO) + "…(" + value.length() + " characters)";
    }
}
