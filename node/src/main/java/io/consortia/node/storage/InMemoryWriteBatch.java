package io.consortia.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@link WriteBatch} for {@link InMemoryKeyValueStorage}: a list of copied operations. */
final class InMemoryWriteBatch implements WriteBatch {
    /** One operation; {@code value == null} is a delete. */
    record Operation(String column, byte[] key, byte[] value) {}

    private final InMemoryKeyValueStorage owner;
    private final List<Operation> operations = new ArrayList<>();

    InMemoryWriteBatch(InMemoryKeyValueStorage owner) {
        this.owner = owner;
    }

    @Override
    public void put(String column, byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        owner.column(column); // fail at once on an unknown column, as RocksDB does
        operations.add(new Operation(column, key.clone(), value.clone()));
    }

    @Override
    public void delete(String column, byte[] key) {
        Objects.requireNonNull(key, "key");
        owner.column(column);
        operations.add(new Operation(column, key.clone(), null));
    }

    @Override
    public int size() {
        return operations.size();
    }

    @Override
    public void close() {
        operations.clear();
    }

    InMemoryKeyValueStorage owner() {
        return owner;
    }

    List<Operation> operations() {
        return operations;
    }
}
