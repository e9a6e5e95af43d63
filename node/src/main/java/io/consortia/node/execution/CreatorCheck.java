package io.consortia.node.execution;

import io.consortia.protocol.v1.ValidationCode;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * The outcome of {@link Membership#check}: {@code VALID} with the creator's certificate, key
 * and name, or {@code UNKNOWN_ORGANIZATION} / {@code BAD_CERTIFICATE} / {@code UNKNOWN_CERTIFICATE} /
 * {@code CERTIFICATE_REVOKED} with a reason.
 */
public record CreatorCheck(ValidationCode code, String reason, X509Certificate certificate, PublicKey publicKey,
        String commonName) {

    static CreatorCheck valid(X509Certificate certificate, PublicKey publicKey, String commonName) {
        return new CreatorCheck(ValidationCode.VALID, "", certificate, publicKey, commonName);
    }

    static CreatorCheck refused(ValidationCode code, String reason) {
        return new CreatorCheck(code, reason, null, null, null);
    }

    public boolean valid() {
        return code == ValidationCode.VALID;
    }
}
