package io.consortia.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor index: besides the head's own notarization, the k-th notarization of the trail's
 * head on a channel (k = 1, 2, 3, …) is also recorded at a document hash anyone can compute,
 * SHA-256("consortia-audit-anchor/" + consortiumId + "/" + k), with the head in its metadata.
 * So every notarized head is found on the ledger itself, by one point lookup per anchor, and not
 * in the platform's database, which whoever can rewrite the trail can rewrite too.
 */
final class AnchorIndex {
    private static final String KEY_PREFIX = "consortia-audit-anchor/";
    private static final Pattern MEMO = Pattern.compile(
            "consortia-audit-anchor k=(\\d{1,18}) seq=(\\d{1,18}) hash=([0-9a-f]{64}) tx=(\\S{1,128})");

    private AnchorIndex() {}

    /** The document hash of the k-th anchor of the consortium's trail. */
    static String key(long consortiumId, long k) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((KEY_PREFIX + consortiumId + "/" + k).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The metadata of the k-th anchor: the head's sequence and hash, and the transaction that notarized the head. */
    static String memo(long k, long sequence, String headHash, String headTransactionId) {
        return "consortia-audit-anchor k=" + k + " seq=" + sequence + " hash=" + headHash + " tx=" + headTransactionId;
    }

    /** The head a k-th anchor's metadata names; empty when it is not such metadata (or names another k). */
    static Optional<Head> parse(long k, String memo) {
        Matcher m = MEMO.matcher(memo == null ? "" : memo);
        if (!m.matches() || Long.parseLong(m.group(1)) != k) {
            return Optional.empty();
        }
        return Optional.of(new Head(Long.parseLong(m.group(2)), m.group(3), m.group(4)));
    }

    /** What an anchor's metadata says. */
    record Head(long sequence, String hash, String transactionId) {}

    /**
     * The entries 1..K, in order, read until the first k that does not exist. Why a walk and not a
     * doubling search: anyone who may write to the channel can notarize at any key, so an entry
     * planted far beyond K would let a search skip the genuine newest ones. The notary appends at
     * K + 1, so genuine entries are contiguous and an entry planted beyond a gap is never read;
     * one planted at K + 1 is read and must then, as every entry, name a record of the trail.
     */
    static <T> java.util.List<T> walk(java.util.function.LongFunction<Optional<T>> entry) {
        java.util.List<T> entries = new java.util.ArrayList<>();
        for (long k = 1; ; k++) {
            Optional<T> found = entry.apply(k);
            if (found.isEmpty()) {
                return entries;
            }
            entries.add(found.get());
        }
    }
}
