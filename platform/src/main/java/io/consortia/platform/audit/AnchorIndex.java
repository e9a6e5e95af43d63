package io.consortia.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor index: besides the head's own notarization, the k-th notarization of the trail's
 * head on a channel (k = 1, 2, 3, …) is also recorded at a document hash anyone can compute,
 * SHA-256("consortia-audit-anchor/" + consortiumId + "/" + k), with the head in its metadata.
 * So the newest notarized head is found on the ledger itself, by O(log k) point lookups, and not
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
     * The highest k for which {@code exists} holds, 0 for none. Anchors are appended at k + 1 of the
     * highest, so those that exist are 1..K: doubling finds a k beyond K, a binary search K.
     */
    static long latest(LongPredicate exists) {
        long present = 0;
        long absent = 1;
        while (exists.test(absent)) {
            present = absent;
            if (absent > Long.MAX_VALUE / 2) {
                throw new IllegalStateException("anchor index beyond " + absent);
            }
            absent *= 2;
        }
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (exists.test(middle)) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return present;
    }
}
