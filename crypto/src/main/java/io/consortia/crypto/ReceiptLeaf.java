package io.consortia.crypto;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The leaf of a block's receipts tree (header version 1): what a receipt proves about one
 * transaction besides its inclusion. Fixed width, so no two (id, code, result) triples share
 * an encoding:
 *
 * <pre>
 *   leaf = transaction id (the raw H(payload), 32 bytes)
 *       || validation code (uint32, big-endian)
 *       || H(result)       (32 bytes; H of the empty string for an empty result)
 * </pre>
 *
 * The tree over these leaves, in block order, follows the rules of {@link MerkleTree}; its
 * root is the header's {@code receipts_root}. The reason text and events are deliberately not
 * committed: reasons name checks in words that may change between versions of the node.
 */
public final class ReceiptLeaf {
    /** The first header version whose blocks carry a receipts root. */
    public static final int HEADER_VERSION = 1;

    private ReceiptLeaf() {}

    public static byte[] encode(HashFunction hash, byte[] transactionId, int validationCode, byte[] result) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(result, "result");
        if (transactionId.length != hash.length()) {
            throw new CryptoException("transaction id must be " + hash.length() + " bytes, got " + transactionId.length);
        }
        return ByteBuffer.allocate(transactionId.length + 4 + hash.length())
                .put(transactionId)
                .putInt(validationCode)
                .put(hash.digest(result))
                .array();
    }
}
