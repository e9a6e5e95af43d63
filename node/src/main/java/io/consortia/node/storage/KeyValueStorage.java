package io.consortia.node.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * An ordered byte-array key/value store with named column families, the only storage
 * abstraction the node uses (a channel's ledger is one {@code KeyValueStorage}).
 *
 * <p>Implementations: {@link RocksDbKeyValueStorage} for real nodes and
 * {@link InMemoryKeyValueStorage}, its twin for tests; both pass the same contract suite.
 *
 * <p>Threading: reads ({@link #get}, {@link #forEachWithPrefix}) may run on any thread,
 * concurrently with a write. A {@link WriteBatch} is applied atomically: a reader sees all
 * of it or none of it for any single key, but a multi-key read may straddle a batch.
 * Keys and values handed in or out are never aliased by the store (callers may reuse them).
 *
 * <pre>{@code
 * try (KeyValueStorage storage = RocksDbKeyValueStorage.open(dir, List.of("blocks", "state"));
 *      WriteBatch batch = storage.newBatch()) {
 *     batch.put("state", key, value);
 *     storage.write(batch, true);
 * }
 * }</pre>
 */
public interface KeyValueStorage extends AutoCloseable {

    /** The value stored under {@code key}, if any. Throws {@link StorageException} for an unknown column. */
    Optional<byte[]> get(String column, byte[] key);

    /**
     * Visits the entries whose key starts with {@code prefix} (an empty prefix visits the
     * whole column) in ascending unsigned byte order, stopping as soon as the visitor
     * returns {@code false}.
     */
    void forEachWithPrefix(String column, byte[] prefix, BiPredicate<byte[], byte[]> visitor);

    /** A new, empty batch bound to this storage. Close it when done. */
    WriteBatch newBatch();

    /**
     * Applies every operation of the batch atomically, in the order they were added (a later
     * operation on the same key wins). With {@code sync} the call returns only once the write
     * is on stable storage.
     */
    void write(WriteBatch batch, boolean sync);

    /**
     * Writes a consistent copy of the whole store to {@code target}, which must not exist yet.
     * The copy can be opened by the same implementation (used as the Raft snapshot).
     */
    void checkpoint(Path target);

    /** Releases the store. Idempotent. Further calls fail with {@link StorageException}. */
    @Override
    void close();
}
