package io.consortia.node.ledger;

import java.util.Objects;

/**
 * One change to the world state: {@code value == null} deletes the key. Arrays are not
 * copied; treat them as immutable once handed over.
 */
public record StateWrite(byte[] key, byte[] value) {
    public StateWrite {
        Objects.requireNonNull(key, "key");
    }

    public static StateWrite put(byte[] key, byte[] value) {
        return new StateWrite(key, Objects.requireNonNull(value, "value"));
    }

    public static StateWrite delete(byte[] key) {
        return new StateWrite(key, null);
    }

    public boolean isDelete() {
        return value == null;
    }
}
