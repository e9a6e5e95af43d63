package io.consortia.node.storage;

import java.util.Objects;
import org.rocksdb.RocksDBException;

/** A {@link WriteBatch} backed by a native RocksDB batch (which copies keys and values). */
final class RocksDbWriteBatch implements WriteBatch {
    private final RocksDbKeyValueStorage owner;
    private final org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
    private int size;

    RocksDbWriteBatch(RocksDbKeyValueStorage owner) {
        this.owner = owner;
    }

    @Override
    public void put(String column, byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            batch.put(owner.handle(column), key, value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot add put to batch: " + e.getMessage(), e);
        }
        size++;
    }

    @Override
    public void delete(String column, byte[] key) {
        Objects.requireNonNull(key, "key");
        try {
            batch.delete(owner.handle(column), key);
        } catch (RocksDBException e) {
            throw new StorageException("cannot add delete to batch: " + e.getMessage(), e);
        }
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
        batch.close();
    }

    RocksDbKeyValueStorage owner() {
        return owner;
    }

    org.rocksdb.WriteBatch nativeBatch() {
        return batch;
    }
}
