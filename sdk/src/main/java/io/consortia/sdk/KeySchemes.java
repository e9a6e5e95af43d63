package io.consortia.sdk;

import io.consortia.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;

/**
 * Tells the signature scheme from a key's curve. Compares the curve's field prime, which
 * works for JDK and BouncyCastle keys alike without depending on provider-specific classes.
 */
final class KeySchemes {
    private static final BigInteger P256_PRIME =
            new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);
    private static final BigInteger SM2_PRIME =
            new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);

    private KeySchemes() {}

    static SignatureScheme schemeOf(PrivateKey key) {
        BigInteger prime = prime(key);
        if (P256_PRIME.equals(prime)) {
            return SignatureScheme.ECDSA_P256_SHA256;
        }
        if (SM2_PRIME.equals(prime)) {
            return SignatureScheme.SM2_SM3;
        }
        throw new IllegalArgumentException("Cannot tell the signature scheme of a " + key.getAlgorithm()
                + " key: expected an EC key on P-256 or sm2p256v1; pass the scheme explicitly");
    }

    /**
     * Fails when the certificate holds a different public key than the signer: otherwise every
     * transaction would be refused later as BAD_SIGNATURE, far from the cause.
     */
    static void requireMatchingKeys(PublicKey certificateKey, PublicKey signerKey) {
        if (certificateKey instanceof ECPublicKey a && signerKey instanceof ECPublicKey b
                && !a.getW().equals(b.getW())) {
            throw new IllegalArgumentException("The private key does not belong to the certificate");
        }
    }

    private static BigInteger prime(Key key) {
        if (key instanceof ECKey ec && ec.getParams() != null) {
            ECField field = ec.getParams().getCurve().getField();
            if (field instanceof ECFieldFp fp) {
                return fp.getP();
            }
        }
        return BigInteger.ZERO;
    }
}
