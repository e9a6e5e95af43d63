package io.consortia.node.storage;

import java.util.Arrays;
import java.util.Comparator;

/** Byte-array helpers shared by the storage implementations and their users. */
public final class Bytes {
    /** Orders byte arrays lexicographically with bytes read as unsigned, like RocksDB's default comparator. */
    public static final Comparator<byte[]> UNSIGNED_ORDER = Arrays::compareUnsigned;

    private Bytes() {}

    public static boolean startsWith(byte[] array, byte[] prefix) {
        return array.length >= prefix.length
                && Arrays.equals(array, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Big-endian encoding, so that numeric order equals unsigned byte order for non-negative values. */
    public static byte[] longToBytes(long value) {
        byte[] out = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    public static long bytesToLong(byte[] bytes) {
        return bytesToLong(bytes, 0);
    }

    public static long bytesToLong(byte[] bytes, int offset) {
        if (bytes.length < offset + Long.BYTES) {
            throw new StorageException("expected 8 bytes at offset " + offset + ", have " + bytes.length);
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
