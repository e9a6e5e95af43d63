package io.consortia.platform.certificate;

/** Where a certificate is in its life, as the inventory shows it. */
public enum CertificateStatus {
    /** In use and valid for more than the expiry window. */
    VALID,
    /** In use and expires within the expiry window (30 days): renew it. */
    EXPIRING,
    /** Past its not-after date: refused everywhere. */
    EXPIRED,
    /** Revoked: listed in its organisation's revoked certificates on chain and never used again. */
    REVOKED,
    /** Replaced by a renewal; still valid until it expires, so holders switch without a failed call. */
    SUPERSEDED
}
