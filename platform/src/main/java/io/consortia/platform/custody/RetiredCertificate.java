package io.consortia.platform.custody;

/**
 * A certificate an identity no longer uses: SUPERSEDED by a renewal (still valid until it
 * expires, so nodes and clients holding it keep working during the overlap) or REVOKED (never
 * accepted again once the revocation is on chain). Its private key is gone.
 *
 * @param serial     hex, as {@link java.math.BigInteger#toString(int) toString(16)} of the serial number
 * @param replacedBy serial of the certificate that took its place, if one did
 */
public record RetiredCertificate(long id, long consortiumId, long organizationId, KeyPurpose purpose, String subject,
        String serial, String certificatePem, long notAfter, Status status, String replacedBy, long retiredAt,
        Long revokedAt, String revokedBy, String reason) {

    public enum Status { SUPERSEDED, REVOKED }
}
