package io.consortia.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Implementation behind {@link SignatureScheme}. Keys are ordinary JCA objects (so they fit
 * into certificates and key stores), but signing and verification run on BouncyCastle's
 * lightweight API: the JCA path re-parses keys on every call and the JDK 17 SunEC provider
 * verifies P-256 about ten times slower.
 */
final class SignatureSchemes {
    private static final PublicKeyCache P256_KEYS = new PublicKeyCache(Bc.P256_DOMAIN);
    private static final PublicKeyCache SM2_KEYS = new PublicKeyCache(Bc.SM2_DOMAIN);

    private SignatureSchemes() {}

    static HashFunction hash(SignatureScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        return scheme == SignatureScheme.ECDSA_P256_SHA256 ? Hashes.sha256() : Hashes.sm3();
    }

    static KeyPair generateKeyPair(SignatureScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
            generator.initialize(new ECGenParameterSpec(Bc.curveName(scheme)), Bc.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot generate a " + scheme + " key pair", e);
        }
    }

    static Signer signer(SignatureScheme scheme, PrivateKey privateKey) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(privateKey, "privateKey");
        ECDomainParameters domain = Bc.domain(scheme);
        if (!(privateKey instanceof ECPrivateKey ec)) {
            throw new CryptoException("not an EC private key: " + privateKey.getAlgorithm());
        }
        if (ec.getParams() != null && !ec.getParams().getOrder().equals(domain.getN())) {
            throw new CryptoException("private key is not on the " + Bc.curveName(scheme) + " curve of " + scheme);
        }
        BigInteger d = ec.getS();
        if (d.signum() <= 0 || d.compareTo(domain.getN()) >= 0) {
            throw new CryptoException("private key scalar out of range");
        }
        ECPrivateKeyParameters params = new ECPrivateKeyParameters(d, domain);
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        PublicKey publicKey = toPublicKey(scheme, q);
        return scheme == SignatureScheme.ECDSA_P256_SHA256
                ? new EcdsaSigner(params, publicKey)
                : new Sm2Signer(params, publicKey);
    }

    static boolean verify(SignatureScheme scheme, PublicKey publicKey, byte[] message, byte[] signature) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length == 0 || signature.length > 80) {
            return false;
        }
        PublicKeyCache cache = scheme == SignatureScheme.ECDSA_P256_SHA256 ? P256_KEYS : SM2_KEYS;
        ECPublicKeyParameters key = cache.get(publicKey);
        if (key == null) {
            return false;
        }
        try {
            if (scheme == SignatureScheme.ECDSA_P256_SHA256) {
                BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), signature);
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, key);
                return verifier.verifySignature(Hashes.sha256().digest(message), rs[0], rs[1]);
            }
            SM2Signer verifier = new SM2Signer();
            verifier.init(false, key);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (Exception e) {
            // Malformed DER, out-of-range r or s, trailing bytes: all simply "not valid".
            return false;
        }
    }

    /** A JCA public key (named-curve encoding) for a point of the scheme's curve. */
    static PublicKey toPublicKey(SignatureScheme scheme, ECPoint q) {
        try {
            ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(Bc.curveName(scheme));
            ECPoint onSpecCurve = spec.getCurve().createPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC", Bc.PROVIDER)
                    .generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(onSpecCurve, spec));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot build a " + scheme + " public key", e);
        }
    }

    /** Whether the public key is a point on the scheme's curve (usable with that scheme). */
    static boolean isKeyOf(SignatureScheme scheme, PublicKey key) {
        Objects.requireNonNull(scheme, "scheme");
        return key instanceof ECPublicKey && PublicKeyCache.convert(Bc.domain(scheme), key) != null;
    }

    private record EcdsaSigner(ECPrivateKeyParameters key, PublicKey publicKey) implements Signer {
        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.ECDSA_P256_SHA256;
        }

        @Override
        public byte[] sign(byte[] message) {
            Objects.requireNonNull(message, "message");
            // Deterministic k (RFC 6979): no dependence on the quality of the random source.
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(Hashes.sha256().digest(message));
            try {
                return StandardDSAEncoding.INSTANCE.encode(key.getParameters().getN(), rs[0], rs[1]);
            } catch (IOException e) {
                throw new CryptoException("cannot encode ECDSA signature", e);
            }
        }

        @Override
        public String toString() {
            return "Signer[ECDSA_P256_SHA256]";
        }
    }

    private record Sm2Signer(ECPrivateKeyParameters key, PublicKey publicKey) implements Signer {
        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.SM2_SM3;
        }

        @Override
        public byte[] sign(byte[] message) {
            Objects.requireNonNull(message, "message");
            SM2Signer signer = new SM2Signer();
            signer.init(true, new ParametersWithRandom(key, Bc.RANDOM));
            signer.update(message, 0, message.length);
            try {
                return signer.generateSignature();
            } catch (org.bouncycastle.crypto.CryptoException e) {
                throw new CryptoException("SM2 signing failed", e);
            }
        }

        @Override
        public String toString() {
            return "Signer[SM2_SM3]";
        }
    }
}
