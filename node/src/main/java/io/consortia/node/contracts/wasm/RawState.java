package io.consortia.node.contracts.wasm;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A contract's own state by raw byte keys (a WebAssembly contract's keys need not be UTF-8),
 * already confined to its namespace by the node.
 */
public interface RawState {
    Optional<byte[]> get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** Visits keys starting with {@code prefix} in ascending unsigned order until the visitor returns false. */
    void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor);
}
