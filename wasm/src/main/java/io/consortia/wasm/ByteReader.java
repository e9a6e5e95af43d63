package io.consortia.wasm;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** A cursor over a WebAssembly binary: LEB128 integers, bytes and names; every overrun is an invalid module. */
final class ByteReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    ByteReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    void seek(int to) {
        pos = to;
    }

    int u8() {
        if (pos >= end) {
            throw new InvalidModuleException("unexpected end of " + (end == bytes.length ? "module" : "section") + " at byte " + pos);
        }
        return bytes[pos++] & 0xFF;
    }

    int u32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xFFFFFFFFL) {
                    throw new InvalidModuleException("integer too large at byte " + (pos - 1));
                }
                if (result > Integer.MAX_VALUE) {
                    throw new InvalidModuleException("count or index too large at byte " + (pos - 1));
                }
                return (int) result;
            }
        }
        throw new InvalidModuleException("integer representation too long at byte " + pos);
    }

    /** A signed LEB128 of at most {@code bits} bits; only its extent matters to us, its value is returned anyway. */
    long sleb(int bits) {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
        throw new InvalidModuleException("integer representation too long at byte " + pos);
    }

    void skip(int n) {
        if (n < 0 || n > end - pos) {
            throw new InvalidModuleException("length " + n + " runs past the end at byte " + pos);
        }
        pos += n;
    }

    String name() {
        int len = u32();
        int from = pos;
        skip(len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, len)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModuleException("name is not UTF-8 at byte " + from);
        }
    }
}
