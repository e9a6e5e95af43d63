package io.consortia.node.api;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call node-level services, decided from the caller's mutual-TLS certificate (already
 * chain-checked by the TLS handshake against the trusted roots): administration needs a
 * certificate of the node's organisation with the ADMIN role, peer calls one of a channel
 * organisation with the NODE role (roles as the crypto module's CA writes them into the subject's
 * OUs, see {@link Certificates#roles}). Any certificate of a trusted CA passes the handshake —
 * for an ECDSA organisation, whose TLS root is its identity root, even a user's signing
 * certificate — so the organisation alone decides nothing. Without TLS (development only)
 * every caller is allowed.
 */
final class Authorization {
    private final boolean tls;
    private final String organization;

    Authorization(boolean tls, String organization) {
        this.tls = tls;
        this.organization = organization;
    }

    /** The caller must be an admin of this node's organisation. */
    void requireAdmin(String what) {
        require(Set.of(organization), CertificateRole.ADMIN, what);
    }

    /** The caller must be a node of one of these organisations. */
    void requireNode(Collection<String> organizations, String what) {
        require(organizations, CertificateRole.NODE, what);
    }

    private void require(Collection<String> allowed, CertificateRole role, String what) {
        if (!tls) {
            return;
        }
        Optional<X509Certificate> caller = CallerInterceptor.caller();
        String org = caller.map(Authorization::organizationOf).orElse(null);
        Set<CertificateRole> roles = caller.map(Authorization::rolesOf).orElse(Set.of());
        if (org == null || !allowed.contains(org) || !roles.contains(role)) {
            String name = role.name().toLowerCase(Locale.ROOT);
            throw Status.PERMISSION_DENIED.withDescription(what + " requires a TLS client certificate with role "
                    + name + " (OU=" + name + ") of " + String.join(", ", allowed) + "; the caller's certificate is "
                    + describe(org, roles)).asRuntimeException();
        }
    }

    private static String describe(String org, Set<CertificateRole> roles) {
        String names = roles.isEmpty() ? "no role"
                : "role " + roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return (org == null ? "of no organisation" : "of " + org) + " with " + names;
    }

    private static String organizationOf(X509Certificate certificate) {
        try {
            return Certificates.organization(certificate);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Set<CertificateRole> rolesOf(X509Certificate certificate) {
        try {
            return Certificates.roles(certificate);
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
