package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a call can end, each with its own outcome and no state change. */
class WasmEngineOutcomesTest {
    private static WasmEngine engine;

    @BeforeAll
    static void start() {
        engine = new WasmEngine(WasmConfig.defaults().withFuelPerCall(1_000_000).withMemoryPagesPerCall(4));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void infiniteLoopRunsOutOfFuelQuickly() {
        InMemoryContractHost host = new InMemoryContractHost();
        long started = System.nanoTime();
        CallResult r = engine.call(wat("loop"), "run", List.of(), host);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(r.outcome()).isEqualTo(Outcome.OUT_OF_FUEL);
        assertThat(r.fuelUsed()).isEqualTo(1_000_000);
        assertThat(r.writes()).isEmpty();
        // reported, not asserted: a million fuel is a million loop iterations at most
        System.out.printf("infinite loop ended %s after %d ms (first call includes compilation)%n", r.outcome(), millis);
        started = System.nanoTime();
        CallResult again = engine.call(wat("loop"), "run", List.of(), host, new CallLimits(50_000_000, 4));
        System.out.printf("with 50 000 000 fuel (compiled): %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(again.outcome()).isEqualTo(Outcome.OUT_OF_FUEL);
        assertThat(again.fuelUsed()).isEqualTo(50_000_000);
    }

    @Test
    void unboundedAllocationRunsOutOfMemory() {
        CallResult r = engine.call(wat("alloc"), "run", List.of(), new InMemoryContractHost());

        assertThat(r.outcome()).isEqualTo(Outcome.OUT_OF_MEMORY);
        assertThat(r.reason()).contains("4 pages");
        // three pages were granted (1 -> 4) before the refusal: the limit, not the fuel, ended it
        assertThat(r.fuelUsed()).isPositive().isLessThan(1_000_000);
    }

    @Test
    void trapsEndAsTraps() {
        InMemoryContractHost host = new InMemoryContractHost();
        for (String function : List.of("unreachable", "divide_by_zero", "out_of_bounds")) {
            CallResult r = engine.call(wat("traps"), function, List.of(), host);
            assertThat(r.outcome()).as(function).isEqualTo(Outcome.TRAP);
            assertThat(r.reason()).as(function).isNotBlank();
        }
        assertThat(engine.call(wat("traps"), "divide_by_zero", List.of(), host).reason()).containsIgnoringCase("divide");
    }

    @Test
    void endlessRecursionStopsAtTheCallDepthLimitNotTheJvmStack() {
        CallResult r = engine.call(wat("traps"), "recurse", List.of(), new InMemoryContractHost());

        assertThat(r.outcome()).isEqualTo(Outcome.TRAP);
        assertThat(r.reason()).isEqualTo("call depth beyond " + engine.config().maxCallDepth());
        assertThat(engine.call(wat("traps"), "recurse", List.of(), new InMemoryContractHost()).fuelUsed())
                .isEqualTo(r.fuelUsed());
    }

    @Test
    void callsMadeOnTheEnginesThreadRunThereAndStillStopAtTheCallDepthLimit() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new java.util.ArrayList<>();
        List<CallResult> results = engine.onEngineThread(() -> {
            Thread outer = Thread.currentThread();
            ranOn.add(outer);
            CallResult deep = engine.call(wat("traps"), "recurse", List.of(), new InMemoryContractHost());
            CallResult notarized = engine.call(wat("notary"), "notarize", Modules.args("k", "v"), new InMemoryContractHost() {
                @Override
                public void put(byte[] key, byte[] value) {
                    ranOn.add(Thread.currentThread());
                    super.put(key, value);
                }
            });
            return List.of(deep, notarized);
        });
        assertThat(ranOn).hasSize(2).doesNotContain(caller);
        assertThat(ranOn.get(1)).as("the call ran on the task's thread, no hand-off").isSameAs(ranOn.get(0));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.TRAP);
        assertThat(results.get(0).reason()).isEqualTo("call depth beyond " + engine.config().maxCallDepth());
        assertThat(results.get(1).outcome()).as(results.get(1).reason()).isEqualTo(Outcome.OK);
        // what the task throws reaches the caller as it is
        IllegalStateException thrown = new IllegalStateException("from the task");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.onEngineThread(() -> {
            throw thrown;
        })).isSameAs(thrown);
    }

    @Test
    void recursionEndsAtTheSameDepthAndFuelInTheInterpreter() {
        CallResult compiled = engine.call(wat("traps"), "recurse", List.of(), new InMemoryContractHost());
        try (WasmEngine interpreter = new WasmEngine(engine.config().withCompile(false))) {
            CallResult interpreted = interpreter.call(wat("traps"), "recurse", List.of(), new InMemoryContractHost());
            assertThat(interpreted.outcome()).isEqualTo(Outcome.TRAP);
            assertThat(interpreted.reason()).isEqualTo(compiled.reason());
            assertThat(interpreted.fuelUsed()).isEqualTo(compiled.fuelUsed());
        }
    }

    @Test
    void thePageLimitCanBeLoweredPerCall() {
        CallResult r = engine.call(wat("notary"), "notarize", args("k", "v"), new InMemoryContractHost(),
                new CallLimits(1_000_000, 1));
        assertThat(r.outcome()).isEqualTo(Outcome.OK); // notary starts with one page: fits

        CallResult grow = engine.call(wat("alloc"), "run", List.of(), new InMemoryContractHost(), new CallLimits(1_000_000, 1));
        assertThat(grow.outcome()).isEqualTo(Outcome.OUT_OF_MEMORY);
        assertThat(grow.reason()).contains("1 pages");
    }

    @Test
    void floatingPointIsRefusedAtValidationNamingTheFunctionAndInstruction() {
        assertThat(engine.validate(wat("float"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("function 1 (export 'average')").contains("f64.const").contains("floating point"));
        CallResult r = engine.call(wat("float"), "ok", List.of(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID_MODULE);
        assertThat(r.fuelUsed()).isZero();

        assertThat(engine.validate(wat("float_local"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("local").contains("f32"));
    }

    /** A tester's module was refused as "type 3 parameter has type f64": which of her functions was it? */
    @Test
    void aFloatSignatureIsRefusedNamingTheFunctionThatHasIt() {
        assertThat(engine.validate(wat("float_param_named"))).hasValue("function 0 ($half) has signature type 0, whose "
                + "parameter 0 is f64: floating point is not allowed (results may differ between nodes)");
    }

    /** Chicory said "magic header not detected, found: [-17, -69, ...]": signed bytes, and no hint what to do. */
    @Test
    void aFileThatIsNoModuleIsRefusedShowingItsFirstBytesInHex() {
        assertThat(engine.validate("\uFEFF(module)".getBytes(java.nio.charset.StandardCharsets.UTF_8))).hasValue(
                "not a WebAssembly module: it starts with ef bb bf 28, a module starts with 00 61 73 6d (\\0asm); upload "
                        + "the compiled .wasm file, not its source or text");
        assertThat(engine.validate(new byte[0])).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("not a WebAssembly module: it starts with nothing (the file is empty)"));
    }

    @Test
    void foreignImportsAndBulkMemoryAreRefused() {
        assertThat(engine.validate(wat("env_import"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("env.now").contains("'consortia'"));
        assertThat(engine.validate(wat("bulk"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("bulk memory"));
    }

    @Test
    void malformedBytesAreAnInvalidModule() {
        byte[] good = wat("notary");
        List<byte[]> bad = List.of(
                new byte[0],
                "hello, world".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(good, good.length / 2),                 // truncated
                corrupt(good, 8),                                     // an unknown section id
                corrupt(good, 4));                                    // an unknown binary version
        for (byte[] code : bad) {
            CallResult r = engine.call(code, "notarize", args("k", "v"), new InMemoryContractHost());
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_MODULE);
            assertThat(r.reason()).isNotBlank();
        }
        assertThat(engine.validate(good)).isEmpty();
    }

    @Test
    void hostMisuseEndsTheCall() {
        InMemoryContractHost host = new InMemoryContractHost();
        CallResult pointer = engine.call(wat("misuse"), "bad_pointer", List.of(), host);
        assertThat(pointer.outcome()).isEqualTo(Outcome.HOST_MISUSE);
        assertThat(pointer.reason()).contains("outside the memory");

        CallResult index = engine.call(wat("misuse"), "bad_arg_index", List.of(), host);
        assertThat(index.outcome()).isEqualTo(Outcome.HOST_MISUSE);
        assertThat(index.reason()).contains("arg(7)");
        assertThat(host.state).isEmpty();
    }

    @Test
    void aBackwardsRangeIsMisuseInTheStatesKeyOrder() {
        // was TRAP "fromKey > toKey", a Java message from the buffered writes' map
        InMemoryContractHost host = new InMemoryContractHost();
        for (String backwards : List.of("range_backwards", "range_backwards_unsigned")) {
            CallResult r = engine.call(wat("misuse"), backwards, List.of(), host);
            assertThat(r.outcome()).as(backwards).isEqualTo(Outcome.HOST_MISUSE);
            assertThat(r.reason()).isEqualTo("state_range start is after its end (keys order as unsigned bytes)");
        }
        assertThat(engine.call(wat("misuse"), "range_forwards_unsigned", List.of(), host).outcome()).isEqualTo(Outcome.OK);
        assertThat(engine.call(wat("misuse"), "range_empty", List.of(), host).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aFailedCallLeavesTheStateUnchanged() {
        InMemoryContractHost host = new InMemoryContractHost();
        assertThat(engine.call(wat("notary"), "notarize", args("doc", "hash-1"), host).outcome()).isEqualTo(Outcome.OK);
        var before = host.snapshot();

        CallResult trapped = engine.call(wat("notary"), "put_then_trap", args("other"), host);
        CallResult refused = engine.call(wat("notary"), "notarize", args("doc", "hash-2"), host);
        CallResult starved = engine.call(wat("notary"), "notarize", args("new", "hash-3"), host, new CallLimits(60, 4));

        assertThat(trapped.outcome()).isEqualTo(Outcome.TRAP);
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(refused.reason()).isEqualTo("already notarized");
        assertThat(starved.outcome()).isEqualTo(Outcome.OUT_OF_FUEL);
        assertThat(host.snapshot()).isEqualTo(before).containsEntry("doc", "hash-1");
    }

    @Test
    void unknownFunctionIsItsOwnOutcome() {
        CallResult r = engine.call(wat("notary"), "nope", List.of(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN_FUNCTION);
        assertThat(r.reason()).contains("no function 'nope'");
    }

    @Test
    void returnValueAndReadYourWrites() {
        InMemoryContractHost host = new InMemoryContractHost();
        engine.call(wat("notary"), "notarize", args("doc", "hash-1"), host);
        CallResult r = engine.call(wat("notary"), "lookup", args("doc"), host);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(new String(r.returnValue(), StandardCharsets.UTF_8)).isEqualTo("hash-1");
    }

    private static byte[] corrupt(byte[] code, int at) {
        byte[] copy = code.clone();
        copy[at] = (byte) 0xFF;
        return copy;
    }
}
