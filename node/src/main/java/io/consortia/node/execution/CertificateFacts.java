package io.consortia.node.execution;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import io.consortia.crypto.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@link Membership} caches per certificate: everything that does not depend on the
 * time of the check. Either {@code error} is set, or the certificate chains to its
 * organisation's roots and is usable in [{@code validFrom}, {@code validUntil}] (the
 * intersection of its own validity with its issuing root's).
 *
 * <p>CA and TLS certificates are refused as creators: a CA key signs certificates, a TLS key
 * sits on a server, neither stands for a person or node acting on the channel.
 *
 * <p>Reasons are fixed strings, not library messages, so every node records the same text.
 */
record CertificateFacts(X509Certificate certificate, String organization, String commonName,
        Instant validFrom, Instant validUntil, String error) {

    static CertificateFacts of(byte[] der, Map<String, List<X509Certificate>> rootsByOrganization) {
        X509Certificate certificate;
        try {
            certificate = Pem.certificateFromDer(der);
        } catch (RuntimeException e) {
            return error("certificate is not a DER-encoded X.509 certificate");
        }
        String organization;
        try {
            organization = Certificates.organization(certificate);
        } catch (RuntimeException e) {
            organization = null;
        }
        if (organization == null || organization.isEmpty()) {
            return error("certificate names no organization (subject O)");
        }
        List<X509Certificate> roots = rootsByOrganization.get(organization);
        if (roots == null) {
            return error("certificate belongs to organization '" + organization + "', which is not a member of this channel");
        }
        List<X509Certificate> issuers = roots.stream()
                .filter(root -> root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .toList();
        if (issuers.isEmpty()) {
            return error("certificate was not issued by the CA of organization '" + organization + "'");
        }
        CertificateRole role = roleOf(certificate);
        if (role == CertificateRole.CA || role == CertificateRole.TLS) {
            return error("a " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " certificate cannot sign transactions; use a user, admin or node certificate");
        }
        Instant from = certificate.getNotBefore().toInstant();
        Instant until = certificate.getNotAfter().toInstant();
        for (X509Certificate issuer : issuers) {
            from = later(from, issuer.getNotBefore().toInstant());
            until = earlier(until, issuer.getNotAfter().toInstant());
        }
        if (from.isAfter(until)) {
            return error("certificate is never valid while its CA certificate is");
        }
        try {
            // validated once, at a time inside the window, so the answer does not depend on when it was cached
            Certificates.validate(certificate, roots, from);
        } catch (RuntimeException e) {
            return error("certificate does not chain to the CA of organization '" + organization + "'");
        }
        String commonName;
        try {
            commonName = Certificates.commonName(certificate);
        } catch (RuntimeException e) {
            commonName = "";
        }
        return new CertificateFacts(certificate, organization, commonName == null ? "" : commonName, from, until, null);
    }

    private static CertificateRole roleOf(X509Certificate certificate) {
        try {
            return Certificates.role(certificate).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static CertificateFacts error(String reason) {
        return new CertificateFacts(null, null, null, null, null, reason);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
