package io.consortia.node.storage;

/**
 * Operations collected to be applied atomically by {@link KeyValueStorage#write}. Not
 * thread-safe: one batch is filled by one thread. Keys and values are copied (or serialised)
 * when added, so the caller may reuse its arrays.
 */
public interface WriteBatch extends AutoCloseable {

    void put(String column, byte[] key, byte[] value);

    void delete(String column, byte[] key);

    /** Number of operations added so far. */
    int size();

    /** Releases the batch (native memory for RocksDB). Idempotent. */
    @Override
    void close();
}
