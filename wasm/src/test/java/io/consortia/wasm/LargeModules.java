package io.consortia.wasm;

/**
 * Modules too large to write as WAT by hand.
 *
 * <p>{@link #recursion}: $r has {@code locals} locals of one type and keeps {@code held} i64
 * values on its operand stack while it calls itself until a global counter reaches {@code limit}; the export
 * {@code f} calls $r and returns the counter (u32, little-endian). In WAT:
 *
 * <pre>
 * (func $r (local T T ...)
 *   (i64.const 0) ... ;; held times
 *   (if (i32.lt_u (global.get $d) (i32.const limit))
 *     (then (global.set $d (i32.add (global.get $d) (i32.const 1))) (call $r)))
 *   (drop) ...)       ;; held times
 * (func (export "f") (call $r) (i32.store (i32.const 0) (global.get $d)) (call $return_value (i32.const 0) (i32.const 4)))
 * </pre>
 *
 * Operand stack: $r 2 * held + 2 slots (the comparison's two i32), f 2 slots.
 *
 * <p>{@link #locals}: function 0, exported as {@code f}, with that many locals and nothing else (the tester's
 * module, in WAT {@code (module (memory (export "memory") 1) (func (export "f") (local i64 i64 ...))))}.
 */
final class LargeModules {
    static final int I32 = 0x7F;
    static final int I64 = 0x7E;

    private LargeModules() {
    }

    static byte[] recursion(int locals, int localType, int held, int limit) {
        ByteWriter w = new ByteWriter().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
        w.section(1, new ByteWriter().u32(2)
                .u8(0x60).u32(0).u32(0)                                   // type 0: () -> ()
                .u8(0x60).u32(2).u8(I32).u8(I32).u32(0));                 // type 1: (i32 i32) -> ()
        w.section(2, new ByteWriter().u32(1).name("consortia").name("return_value").u8(0).u32(1));
        w.section(3, new ByteWriter().u32(2).u32(0).u32(0));              // $r = 1, f = 2
        w.section(5, new ByteWriter().u32(1).u8(0).u32(1));
        w.section(6, new ByteWriter().u32(1).u8(I32).u8(1).u8(0x41).u8(0).u8(0x0B));
        w.section(7, new ByteWriter().u32(2).name("memory").u8(2).u32(0).name("f").u8(0).u32(2));

        ByteWriter r = locals > 0 ? new ByteWriter().u32(1).u32(locals).u8(localType) : new ByteWriter().u32(0);
        for (int i = 0; i < held; i++) {
            r.u8(0x42).u8(0);                                             // i64.const 0
        }
        r.u8(0x23).u32(0).u8(0x41).sleb(limit).u8(0x49)                   // d < limit (unsigned)
                .u8(0x04).u8(0x40)
                .u8(0x23).u32(0).u8(0x41).u8(1).u8(0x6A).u8(0x24).u32(0)  // d += 1
                .u8(0x10).u32(1)                                          // call $r
                .u8(0x0B);
        for (int i = 0; i < held; i++) {
            r.u8(0x1A);                                                   // drop
        }
        r.u8(0x0B);
        ByteWriter f = new ByteWriter().u32(0)
                .u8(0x10).u32(1)
                .u8(0x41).u8(0).u8(0x23).u32(0).u8(0x36).u8(2).u8(0)      // i32.store (0, d)
                .u8(0x41).u8(0).u8(0x41).u8(4).u8(0x10).u32(0)            // return_value(0, 4)
                .u8(0x0B);
        byte[] rb = r.toByteArray();
        byte[] fb = f.toByteArray();
        w.section(10, new ByteWriter().u32(2).u32(rb.length).bytes(rb).u32(fb.length).bytes(fb));
        return w.toByteArray();
    }

    static byte[] locals(int locals, int localType) {
        ByteWriter w = new ByteWriter().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
        w.section(1, new ByteWriter().u32(1).u8(0x60).u32(0).u32(0));
        w.section(3, new ByteWriter().u32(1).u32(0));
        w.section(5, new ByteWriter().u32(1).u8(0).u32(1));
        w.section(7, new ByteWriter().u32(2).name("memory").u8(2).u32(0).name("f").u8(0).u32(0));
        byte[] body = new ByteWriter().u32(1).u32(locals).u8(localType).u8(0x0B).toByteArray();
        w.section(10, new ByteWriter().u32(1).u32(body.length).bytes(body));
        return w.toByteArray();
    }
}
