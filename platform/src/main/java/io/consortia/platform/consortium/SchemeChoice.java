package io.consortia.platform.consortium;

import io.consortia.crypto.SignatureScheme;

/** The signature scheme of a consortium, as people choose it. */
public enum SchemeChoice {
    /** ECDSA over NIST P-256 with SHA-256. */
    ECDSA_P256(SignatureScheme.ECDSA_P256_SHA256),
    /** SM2 with SM3 (国密). */
    SM2(SignatureScheme.SM2_SM3);

    private final SignatureScheme scheme;

    SchemeChoice(SignatureScheme scheme) {
        this.scheme = scheme;
    }

    public SignatureScheme scheme() {
        return scheme;
    }
}
