package io.consortia.node.ledger;

import java.nio.ByteBuffer;

/**
 * The ledger's metadata as one immutable value, stored under one key and swapped in one
 * volatile write, so a reader on another thread never sees a height from one block and a
 * hash from the next.
 */
record ChainState(long height, byte[] currentHash, long transactionCount, long appliedTerm, long appliedIndex) {

    byte[] encode() {
        return ByteBuffer.allocate(4 * Long.BYTES + Integer.BYTES + currentHash.length)
                .putLong(height)
                .putLong(transactionCount)
                .putLong(appliedTerm)
                .putLong(appliedIndex)
                .putInt(currentHash.length)
                .put(currentHash)
                .array();
    }

    static ChainState decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long height = in.getLong();
            long count = in.getLong();
            long term = in.getLong();
            long index = in.getLong();
            byte[] hash = new byte[in.getInt()];
            in.get(hash);
            return new ChainState(height, hash, count, term, index);
        } catch (RuntimeException e) {
            throw new LedgerException("corrupt ledger metadata (" + bytes.length + " bytes)", e);
        }
    }

    ChainState applied(long term, long index) {
        return new ChainState(height, currentHash, transactionCount, term, index);
    }
}
