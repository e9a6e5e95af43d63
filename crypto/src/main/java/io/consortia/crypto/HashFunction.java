package io.consortia.crypto;

/**
 * A cryptographic hash. Implementations are thread-safe (they allocate a digest per call
 * or use thread-local digests).
 */
public interface HashFunction {
    /** "SHA-256" or "SM3". */
    String name();

    /** Output length in bytes (32 for both SHA-256 and SM3). */
    int length();

    byte[] digest(byte[] data);

    /** Hash of the concatenation of the parts, without copying them together. */
    byte[] digest(byte[]... parts);
}
