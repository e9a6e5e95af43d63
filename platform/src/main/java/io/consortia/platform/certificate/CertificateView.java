package io.consortia.platform.certificate;

import io.consortia.platform.custody.KeyPurpose;

/**
 * One certificate of a consortium as the inventory shows it (public facts only, never a key).
 *
 * @param role        what it is for: CA_ROOT, TLS_ROOT, ADMIN (the organisation's admin identity),
 *                    USER, NODE (a node's signing certificate), NODE_TLS, CLIENT_TLS (the
 *                    platform's TLS client certificate for the organisation)
 * @param subject     the identity it belongs to: node id, username, {@code admin@org}, ...
 * @param serial      hex serial number: how the API and the on-chain revocation name it
 * @param daysLeft    whole days until it expires (negative once expired)
 * @param inUse       whether it is the certificate its identity uses now
 * @param replacedBy  serial of the renewal that superseded it or replaced it on revocation
 */
public record CertificateView(long consortiumId, long organizationId, String organization, KeyPurpose role,
        String subject, String serial, String issuer, long notBefore, long notAfter, long daysLeft,
        CertificateStatus status, boolean inUse, String replacedBy, Long revokedAt, String revokedBy,
        String revocationReason) {}
