package io.consortia.crypto;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The signature schemes a network can be created with. Both use BouncyCastle's
 * lightweight API on the hot path (about ten times faster than the JDK 17 provider).
 */
public enum SignatureScheme {
    /** ECDSA over NIST P-256 with SHA-256. */
    ECDSA_P256_SHA256,
    /** SM2 (curve sm2p256v1) with SM3, the Chinese national standard (国密). */
    SM2_SM3;

    /** The hash function paired with this scheme: SHA-256 or SM3. */
    public HashFunction hash() {
        return SignatureSchemes.hash(this);
    }

    public KeyPair generateKeyPair() {
        return SignatureSchemes.generateKeyPair(this);
    }

    public Signer signer(PrivateKey privateKey) {
        return SignatureSchemes.signer(this, privateKey);
    }

    /**
     * Verifies a signature. Returns false for a wrong or malformed signature; never throws
     * for bad signature bytes. Thread-safe and intended to be called from many threads.
     */
    public boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        return SignatureSchemes.verify(this, publicKey, message, signature);
    }

    /** The JCA signature algorithm name used in certificates: SHA256withECDSA or SM3withSM2. */
    public String certificateSignatureAlgorithm() {
        return this == ECDSA_P256_SHA256 ? "SHA256withECDSA" : "SM3withSM2";
    }
}
