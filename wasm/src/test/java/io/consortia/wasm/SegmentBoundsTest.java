package io.consortia.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A module whose active data or element segment does not fit the memory or table it starts with is refused at
 * validation, naming the segment. Before, it passed validation (so it could be uploaded, approved and committed) and
 * every call then trapped at instantiation. Modules are written byte by byte, so each offset is exactly the one meant.
 */
class SegmentBoundsTest {
    private WasmEngine engine;

    @BeforeEach
    void start() {
        engine = new WasmEngine(WasmConfig.defaults());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aDataSegmentBeyondTheMemoryIsRefusedWithWhereItLies() {
        byte[] module = module(1, 0, data(i32(70_000), 16));

        assertThat(engine.validate(module))
                .hasValue("data segment 0 at offset 70000 + 16 bytes is outside memory of 1 page (65536 bytes)");
        CallResult call = engine.call(module, "f", List.of(), new InMemoryContractHost());
        assertThat(call.outcome()).isEqualTo(Outcome.INVALID_MODULE);
    }

    @Test
    void aDataSegmentEndingAtTheMemorysEndFitsAndRuns() {
        byte[] module = module(1, 0, data(i32(65_536 - 16), 16));

        assertThat(engine.validate(module)).isEmpty();
        assertThat(engine.call(module, "f", List.of(), new InMemoryContractHost()).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void theSegmentIsNamedByItsIndexAndTheMemoryByItsPages() {
        byte[] module = module(2, 0, data(i32(0), 8), data(i32(131_072 - 4), 8));

        assertThat(engine.validate(module))
                .hasValue("data segment 1 at offset 131068 + 8 bytes is outside memory of 2 pages (131072 bytes)");
    }

    @Test
    void anOffsetIsUnsignedAndDoesNotWrapAround() {
        // i32.const -16 is offset 4294967280: with 32 bytes it does not wrap to 16
        byte[] module = module(1, 0, data(i32(-16), 32));

        assertThat(engine.validate(module))
                .hasValue("data segment 0 at offset 4294967280 + 32 bytes is outside memory of 1 page (65536 bytes)");
    }

    @Test
    void anOffsetReadFromAGlobalIsThatGlobalsValue() {
        byte[] global = new ByteWriter().u8(0x23).u32(0).u8(0x0B).toByteArray();
        byte[] module = module(1, 70_000, data(global, 1));

        assertThat(engine.validate(module))
                .hasValue("data segment 0 at offset 70000 + 1 bytes is outside memory of 1 page (65536 bytes)");
    }

    @Test
    void anElementSegmentBeyondTheTableIsRefused() {
        assertThat(engine.validate(withTable(1, 1)))
                .hasValue("element segment 0 at offset 1 + 1 function is outside the table of 1 entry");
        assertThat(engine.validate(withTable(1, 0))).isEmpty();
        assertThat(engine.call(withTable(1, 0), "f", List.of(), new InMemoryContractHost()).outcome())
                .isEqualTo(Outcome.OK);
    }

    private static byte[] i32(int value) {
        return new ByteWriter().u8(0x41).sleb(value).u8(0x0B).toByteArray();
    }

    /** An active data segment of memory 0: its offset expression and that many zero bytes. */
    private static byte[] data(byte[] offset, int length) {
        return new ByteWriter().u8(0).bytes(offset).u32(length).bytes(new byte[length]).toByteArray();
    }

    /**
     * (memory (export "memory") pages) (global i32 (i32.const global)) (func (export "f")) and the data segments;
     * the global is there for an offset to read.
     */
    private static byte[] module(int pages, int global, byte[]... segments) {
        ByteWriter w = header();
        w.section(1, new ByteWriter().u32(1).u8(0x60).u32(0).u32(0));
        w.section(3, new ByteWriter().u32(1).u32(0));
        w.section(5, new ByteWriter().u32(1).u8(0).u32(pages));
        w.section(6, new ByteWriter().u32(1).u8(0x7F).u8(0).u8(0x41).sleb(global).u8(0x0B));
        w.section(7, exports());
        w.section(10, emptyBody());
        ByteWriter data = new ByteWriter().u32(segments.length);
        for (byte[] segment : segments) {
            data.bytes(segment);
        }
        w.section(11, data);
        return w.toByteArray();
    }

    /** (table entries funcref) (elem (i32.const offset) 0): function f put in the table at offset. */
    private static byte[] withTable(int entries, int offset) {
        ByteWriter w = header();
        w.section(1, new ByteWriter().u32(1).u8(0x60).u32(0).u32(0));
        w.section(3, new ByteWriter().u32(1).u32(0));
        w.section(4, new ByteWriter().u32(1).u8(0x70).u8(0).u32(entries));
        w.section(5, new ByteWriter().u32(1).u8(0).u32(1));
        w.section(7, exports());
        w.section(9, new ByteWriter().u32(1).u32(0).bytes(i32(offset)).u32(1).u32(0));
        w.section(10, emptyBody());
        return w.toByteArray();
    }

    private static ByteWriter header() {
        return new ByteWriter().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
    }

    private static ByteWriter exports() {
        return new ByteWriter().u32(2).name("memory").u8(2).u32(0).name("f").u8(0).u32(0);
    }

    private static ByteWriter emptyBody() {
        return new ByteWriter().u32(1).u32(2).u32(0).u8(0x0B);
    }
}
