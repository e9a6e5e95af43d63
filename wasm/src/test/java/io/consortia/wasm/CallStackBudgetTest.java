package io.consortia.wasm;

import static io.consortia.wasm.LargeModules.I32;
import static io.consortia.wasm.LargeModules.I64;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion with large frames ends with the deterministic "call stack beyond 1048576 slots", at a depth that follows
 * from the documented weights (docs/wasm-contracts.md, "Call depth and call stack"), never with the JVM's own stack
 * overflow, whose depth depended on the JVM and its JIT (a function of 10 000 i64 locals overflowed at 208 calls), nor
 * with a crash: a frame holding thousands of values on its operand stack used to step over the JVM's guard pages
 * (SIGSEGV, the whole node gone). Weight of a call: 128 + local slots + 2 x operand stack slots (i64 two slots);
 * f weighs 128 + 2 x 2 = 132 and calls $r (LargeModules.recursion) until the limit, so $r can have
 * (1048576 - 132) / weight frames.
 */
class CallStackBudgetTest {
    private static final String BEYOND = "call stack beyond 1048576 slots";
    private static WasmEngine compiled;
    private static WasmEngine interpreted;

    @BeforeAll
    static void start() {
        WasmConfig config = WasmConfig.defaults().withFuelPerCall(100_000_000);
        compiled = new WasmEngine(config);
        interpreted = new WasmEngine(config.withCompile(false));
    }

    @AfterAll
    static void stop() {
        compiled.close();
        interpreted.close();
    }

    @Test
    void tenThousandI64LocalsStopAt52FramesInBothModes() {
        // $r weighs 128 + 20 000 + 2 x 2 = 20 132: (1 048 576 - 132) / 20 132 = 52 frames, so the 53rd call traps
        assertStopsAt(compiled, 10_000, I64, 0, 52);
        assertStopsAt(interpreted, 10_000, I64, 0, 52);
        // the tester's module: recursion to 250 (JVM stack overflow at 208 before)
        assertTrapsAlike(LargeModules.recursion(10_000, I64, 0, 250));
    }

    @Test
    void theLargestLocalFrameTheCompilerAcceptsStopsAt43Frames() {
        // 12 000 i64 locals (larger ones make the Java method too large): 128 + 24 000 + 4 = 24 132 -> 43 frames
        assertStopsAt(compiled, 12_000, I64, 0, 43);
        assertStopsAt(interpreted, 12_000, I64, 0, 43);
    }

    @Test
    void theLargestOperandStackTheCompilerAcceptsStopsAt16Frames() {
        // 15 900 i64 held across the call (the compiler takes 32 000 slots): 128 + 0 + 2 x (31 800 + 2) = 63 732
        // -> 16 frames. With 5 000 held values this recursion crashed the JVM (SIGSEGV) near the end of its stack
        assertStopsAt(compiled, 0, I32, 15_900, 16);
        assertStopsAt(interpreted, 0, I32, 15_900, 16);
        // recursion to 250 (within the call depth): without the budget the JVM running this test crashed
        assertTrapsAlike(LargeModules.recursion(0, I32, 15_900, 250));
    }

    @Test
    void theLargestFrameTheRulesAllowStopsAt10FramesInTheInterpreter() {
        // maxLocals (50 000) i64 locals: 128 + 100 000 + 4 = 100 132 -> 10 frames (the compiler refuses the function)
        assertStopsAt(interpreted, 50_000, I64, 0, 10);
    }

    @Test
    void theBudgetComesFirstEvenOnAThreadWithOnlyTheRequiredStack() {
        WasmConfig least = WasmConfig.defaults();
        least = new WasmConfig(100_000_000, 16, least.maxModuleBytes(), least.maxFunctions(), least.maxLocals(),
                least.maxCallDepth(), least.maxStackSlots(), true, 4, 1, least.requiredStackBytes());
        try (WasmEngine engine = new WasmEngine(least)) {
            for (byte[] module : List.of(LargeModules.recursion(12_000, I64, 0, 1000), LargeModules.recursion(0, I32, 15_900, 1000),
                    LargeModules.recursion(2_000, I64, 0, 1000), LargeModules.recursion(0, I32, 0, 1000))) {
                CallResult r = engine.call(module, "f", List.of(), new InMemoryContractHost());
                assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.TRAP);
                assertThat(r.reason()).isIn(BEYOND, "call depth beyond 256");
            }
        }
    }

    @Test
    void smallFramesStillStopAtTheCallDepth() {
        // 256 frames of 132 slots are far below the budget: the depth limit ends them, as before
        CallResult r = compiled.call(LargeModules.recursion(0, I32, 0, 1000), "f", List.of(), new InMemoryContractHost());
        assertThat(r.reason()).isEqualTo("call depth beyond 256");
    }

    /** $r may have {@code frames} frames: a limit one lower returns it, the limit of {@code frames} traps. */
    private static void assertStopsAt(WasmEngine engine, int locals, int type, int held, int frames) {
        CallResult ok = engine.call(LargeModules.recursion(locals, type, held, frames - 1), "f", List.of(), new InMemoryContractHost());
        assertThat(ok.outcome()).as(ok.toString()).isEqualTo(Outcome.OK);
        assertThat(ByteBuffer.wrap(ok.returnValue()).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(frames - 1);

        CallResult deeper = engine.call(LargeModules.recursion(locals, type, held, frames), "f", List.of(), new InMemoryContractHost());
        assertThat(deeper.outcome()).as(deeper.toString()).isEqualTo(Outcome.TRAP);
        assertThat(deeper.reason()).isEqualTo(BEYOND);
    }

    private static void assertTrapsAlike(byte[] module) {
        CallResult c = compiled.call(module, "f", List.of(), new InMemoryContractHost());
        CallResult i = interpreted.call(module, "f", List.of(), new InMemoryContractHost());
        assertThat(c.reason()).isEqualTo(BEYOND);
        assertThat(i.reason()).isEqualTo(BEYOND);
        assertThat(i.fuelUsed()).isEqualTo(c.fuelUsed());
    }
}
