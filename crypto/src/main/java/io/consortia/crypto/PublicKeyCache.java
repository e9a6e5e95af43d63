package io.consortia.crypto;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Converted public keys of one curve, keyed by their X.509 encoding. Converting and
 * validating a JCA key costs about as much as a verification, and a cached point also keeps
 * BouncyCastle's precomputed multiples for it, which makes repeated verifications under the
 * same key (the common case: a few hundred node and client keys) markedly faster.
 *
 * <p>Bounded by clearing when full: simpler than LRU, and a network has far fewer signers
 * than the bound, so in practice it never clears.
 */
final class PublicKeyCache {
    static final int MAX_ENTRIES = 4096;

    private final ECDomainParameters domain;
    private final int maxEntries;
    private final ConcurrentHashMap<ByteBuffer, ECPublicKeyParameters> entries = new ConcurrentHashMap<>();

    PublicKeyCache(ECDomainParameters domain) {
        this(domain, MAX_ENTRIES);
    }

    PublicKeyCache(ECDomainParameters domain, int maxEntries) {
        this.domain = Objects.requireNonNull(domain, "domain");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The key's point on this curve, or null if the key is not a valid key of this curve. */
    ECPublicKeyParameters get(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return convert(domain, key);
        }
        ByteBuffer id = ByteBuffer.wrap(encoded);
        ECPublicKeyParameters cached = entries.get(id);
        if (cached != null) {
            return cached;
        }
        ECPublicKeyParameters converted = convert(domain, key);
        if (converted != null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(id, converted);
        }
        return converted;
    }

    int size() {
        return entries.size();
    }

    static ECPublicKeyParameters convert(ECDomainParameters domain, PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            return null;
        }
        if (ec.getParams() != null && !ec.getParams().getOrder().equals(domain.getN())) {
            return null;
        }
        try {
            ECPoint q = domain.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
            return new ECPublicKeyParameters(q, domain);
        } catch (RuntimeException e) {
            return null; // not on this curve, or the point at infinity
        }
    }
}
