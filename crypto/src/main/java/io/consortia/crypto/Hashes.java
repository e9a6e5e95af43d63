package io.consortia.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The two hash functions of the protocol and hex helpers.
 *
 * <p>SHA-256 uses the JDK {@link MessageDigest} because its intrinsics are several times
 * faster than any pure-Java implementation; SM3 has no JDK implementation, so it comes from
 * BouncyCastle. Digest objects are not thread-safe, so each thread keeps its own.
 */
public final class Hashes {
    private static final HashFunction SHA256 = new Sha256();
    private static final HashFunction SM3 = new Sm3();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {}

    /** SHA-256 (FIPS 180-4), backed by the JDK. */
    public static HashFunction sha256() {
        return SHA256;
    }

    /** SM3 (GB/T 32905-2016), backed by BouncyCastle. */
    public static HashFunction sm3() {
        return SM3;
    }

    /** The hash named "SHA-256" or "SM3" (case-insensitive; "SHA256" is accepted too). */
    public static HashFunction forName(String name) {
        Objects.requireNonNull(name, "name");
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "SHA-256":
            case "SHA256":
                return SHA256;
            case "SM3":
                return SM3;
            default:
                throw new CryptoException("unknown hash function: " + name + " (expected SHA-256 or SM3)");
        }
    }

    /** Lower-case hex of the bytes. */
    public static String hex(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Parses hex (either case, no prefix or separators). */
    public static byte[] fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() % 2 != 0) {
            throw new CryptoException("hex string has odd length " + hex.length());
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new CryptoException("invalid hex character near index " + (2 * i));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static final class Sha256 implements HashFunction {
        private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Sha256::newDigest);

        private static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new CryptoException("the JDK has no SHA-256", e);
            }
        }

        @Override
        public String name() {
            return "SHA-256";
        }

        @Override
        public int length() {
            return 32;
        }

        @Override
        public byte[] digest(byte[] data) {
            Objects.requireNonNull(data, "data");
            MessageDigest md = digests.get();
            md.reset();
            return md.digest(data);
        }

        @Override
        public byte[] digest(byte[]... parts) {
            Objects.requireNonNull(parts, "parts");
            MessageDigest md = digests.get();
            md.reset();
            for (byte[] part : parts) {
                md.update(Objects.requireNonNull(part, "part"));
            }
            return md.digest();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Sm3 implements HashFunction {
        private final ThreadLocal<SM3Digest> digests = ThreadLocal.withInitial(SM3Digest::new);

        @Override
        public String name() {
            return "SM3";
        }

        @Override
        public int length() {
            return 32;
        }

        @Override
        public byte[] digest(byte[] data) {
            Objects.requireNonNull(data, "data");
            return digest(new byte[][] {data});
        }

        @Override
        public byte[] digest(byte[]... parts) {
            Objects.requireNonNull(parts, "parts");
            SM3Digest d = digests.get();
            d.reset();
            for (byte[] part : parts) {
                Objects.requireNonNull(part, "part");
                d.update(part, 0, part.length);
            }
            byte[] out = new byte[32];
            d.doFinal(out, 0);
            return out;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
