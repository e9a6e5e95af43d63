package io.consortia.node.ledger;

import io.consortia.crypto.HashFunction;
import io.consortia.node.storage.Bytes;
import java.nio.ByteBuffer;
import java.util.List;

/** The state-hash rule of a block header, shared by whoever builds or checks blocks. */
public final class StateWrites {
    private static final byte DELETED = 0;
    private static final byte PUT = 1;

    private StateWrites() {}

    /**
     * H over the writes, which must already be sorted by key (unsigned byte order, one write
     * per key). Each write is encoded as {@code len(key) key 0x00} for a delete or
     * {@code len(key) key 0x01 len(value) value} for a put, lengths as 4-byte big-endian, so
     * no two different write lists encode to the same bytes. No writes hash the empty input.
     */
    public static byte[] hash(HashFunction hash, List<StateWrite> sortedWrites) {
        int size = 0;
        for (StateWrite write : sortedWrites) {
            size += Integer.BYTES + write.key().length + 1 + (write.isDelete() ? 0 : Integer.BYTES + write.value().length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        byte[] previous = null;
        for (StateWrite write : sortedWrites) {
            if (previous != null && Bytes.UNSIGNED_ORDER.compare(previous, write.key()) >= 0) {
                throw new IllegalArgumentException("state writes must be sorted by key, one per key");
            }
            previous = write.key();
            out.putInt(write.key().length).put(write.key());
            if (write.isDelete()) {
                out.put(DELETED);
            } else {
                out.put(PUT).putInt(write.value().length).put(write.value());
            }
        }
        return hash.digest(out.array());
    }
}
