package io.consortia.node.execution;

import io.consortia.node.ledger.StateWrite;
import io.consortia.node.storage.Bytes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Uncommitted writes over a base view: one per block (over the ledger) and one per
 * transaction (over the block's), so a transaction reads its own and earlier transactions'
 * writes, and a failed transaction is dropped by discarding its overlay. Single-threaded
 * (the apply thread).
 */
final class OverlayState implements StateView {
    /** Marks a deleted key; compared by identity, so a stored empty value is never mistaken for it. */
    private static final byte[] DELETED = new byte[0];

    private final StateView base;
    private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(Bytes.UNSIGNED_ORDER);

    OverlayState(StateView base) {
        this.base = base;
    }

    void put(byte[] key, byte[] value) {
        writes.put(key.clone(), value.clone());
    }

    void delete(byte[] key) {
        writes.put(key.clone(), DELETED);
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        byte[] value = writes.get(key);
        if (value == null) {
            return base.get(key);
        }
        return value == DELETED ? Optional.empty() : Optional.of(value.clone());
    }

    /**
     * Merges the base's entries with this layer's in key order; this layer wins on equal keys
     * and hides deleted ones. This layer's matching entries are copied first, so the visitor
     * may write (e.g. delete what it visits) without disturbing the iteration.
     */
    @Override
    public void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        List<Map.Entry<byte[], byte[]>> matching = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> entry : writes.tailMap(prefix, true).entrySet()) {
            if (!Bytes.startsWith(entry.getKey(), prefix)) {
                break;
            }
            matching.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        Merge merge = new Merge(matching.iterator(), visitor);
        base.forEach(prefix, merge::visitBase);
        if (!merge.stopped) {
            merge.drain(null);
        }
    }

    /** The bytes of this layer's keys and values (a deletion counts its key). */
    long writtenBytes() {
        long bytes = 0;
        for (Map.Entry<byte[], byte[]> entry : writes.entrySet()) {
            bytes += entry.getKey().length + entry.getValue().length;
        }
        return bytes;
    }

    /** Moves this layer's writes into {@code parent} (a transaction's writes into its block's). */
    void mergeInto(OverlayState parent) {
        parent.writes.putAll(writes);
        writes.clear();
    }

    /** The writes as the ledger takes them: one per key, sorted by key, deletions with a null value. */
    List<StateWrite> toWrites() {
        List<StateWrite> out = new ArrayList<>(writes.size());
        writes.forEach((key, value) -> out.add(new StateWrite(key, value == DELETED ? null : value)));
        return out;
    }

    private static final class Merge {
        private final Iterator<Map.Entry<byte[], byte[]>> mine;
        private final BiPredicate<byte[], byte[]> visitor;
        private Map.Entry<byte[], byte[]> pending;
        boolean stopped;

        Merge(Iterator<Map.Entry<byte[], byte[]>> mine, BiPredicate<byte[], byte[]> visitor) {
            this.mine = mine;
            this.visitor = visitor;
            advance();
        }

        boolean visitBase(byte[] key, byte[] value) {
            if (!drain(key)) {
                return false;
            }
            if (pending != null && Bytes.UNSIGNED_ORDER.compare(pending.getKey(), key) == 0) {
                return emitPending(); // overridden (or deleted) by this layer
            }
            return emit(key, value);
        }

        /** Emits this layer's entries below {@code limit} (all of them if null); false once the visitor stopped. */
        boolean drain(byte[] limit) {
            while (pending != null && (limit == null || Bytes.UNSIGNED_ORDER.compare(pending.getKey(), limit) < 0)) {
                if (!emitPending()) {
                    return false;
                }
            }
            return true;
        }

        private boolean emitPending() {
            Map.Entry<byte[], byte[]> entry = pending;
            advance();
            return entry.getValue() == DELETED || emit(entry.getKey().clone(), entry.getValue().clone());
        }

        private boolean emit(byte[] key, byte[] value) {
            if (!visitor.test(key, value)) {
                stopped = true;
            }
            return !stopped;
        }

        private void advance() {
            pending = mine.hasNext() ? mine.next() : null;
        }
    }
}
