package io.consortia.wasm;

import java.io.ByteArrayOutputStream;

/** The small WebAssembly encoder the instrumenter needs: raw bytes, LEB128 integers, sections. */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteWriter u8(int b) {
        out.write(b);
        return this;
    }

    ByteWriter bytes(byte[] b, int from, int to) {
        out.write(b, from, to - from);
        return this;
    }

    ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    ByteWriter u32(int value) {
        long v = value & 0xFFFFFFFFL;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    ByteWriter sleb(long value) {
        boolean more = true;
        while (more) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0)) {
                more = false;
            } else {
                b |= 0x80;
            }
            out.write(b);
        }
        return this;
    }

    ByteWriter name(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** Appends a section: id, byte length, content. */
    ByteWriter section(int id, ByteWriter content) {
        byte[] c = content.toByteArray();
        u8(id);
        u32(c.length);
        return bytes(c);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
