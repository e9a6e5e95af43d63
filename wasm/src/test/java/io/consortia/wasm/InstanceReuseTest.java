package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instances are pooled and reset between calls: nothing of one call may be seen by the next. */
class InstanceReuseTest {
    private static final byte[] FIRST_CALL = {1, 0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0};

    @Test
    void aReusedInstanceStartsFromItsInitialGlobalsAndMemory() {
        for (boolean compiled : new boolean[] {true, false}) {
            try (WasmEngine engine = new WasmEngine(WasmConfig.defaults().withCompile(compiled))) {
                for (int i = 0; i < 3; i++) {
                    CallResult r = engine.call(wat("isolation"), "bump", List.of(), new InMemoryContractHost());
                    assertThat(r.outcome()).isEqualTo(Outcome.OK);
                    assertThat(r.returnValue()).as("call %d, compiled %s", i, compiled).containsExactly(FIRST_CALL);
                    assertThat(pooled(engine, wat("isolation"))).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void anInstanceWhoseMemoryGrewOrThatFailedIsNotReused() {
        try (WasmEngine engine = new WasmEngine(WasmConfig.defaults())) {
            assertThat(engine.call(wat("isolation"), "grow", List.of(), new InMemoryContractHost()).outcome()).isEqualTo(Outcome.OK);
            assertThat(pooled(engine, wat("isolation"))).isZero();
            assertThat(engine.call(wat("isolation"), "bump", List.of(), new InMemoryContractHost()).returnValue())
                    .containsExactly(FIRST_CALL);

            assertThat(engine.call(wat("traps"), "unreachable", List.of(), new InMemoryContractHost()).outcome())
                    .isEqualTo(Outcome.TRAP);
            assertThat(pooled(engine, wat("traps"))).isZero();
        }
    }

    @Test
    void fuelIsMeteredExactlyOnAReusedInstance() {
        for (boolean compiled : new boolean[] {true, false}) {
            try (WasmEngine engine = new WasmEngine(WasmConfig.defaults().withCompile(compiled))) {
                long first = engine.call(wat("count"), "run", args("xx"), new InMemoryContractHost()).fuelUsed();
                long second = engine.call(wat("count"), "run", args("xx"), new InMemoryContractHost()).fuelUsed();
                assertThat(second).isEqualTo(first);
                assertThat(pooled(engine, wat("count"))).isEqualTo(1);

                CallResult starved = engine.call(wat("count"), "run", args("xx"), new InMemoryContractHost(),
                        new CallLimits(first / 2, 16));
                assertThat(starved.outcome()).isEqualTo(Outcome.OUT_OF_FUEL);
                assertThat(starved.fuelUsed()).isEqualTo(first / 2);
                assertThat(engine.call(wat("count"), "run", args("xx"), new InMemoryContractHost()).fuelUsed())
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void concurrentCallsNeverSeeEachOthersArguments() throws Exception {
        WasmConfig twoThreads = new WasmConfig(1_000_000, 4, 1 << 20, 1000, 1000, 64, 1 << 18, true, 16, 2, 8L << 20);
        try (WasmEngine engine = new WasmEngine(twoThreads)) {
            var callers = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                List<java.util.concurrent.Future<List<String>>> futures = new java.util.ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int caller = t;
                    futures.add(callers.submit(() -> {
                        List<String> wrong = new java.util.ArrayList<>();
                        for (int i = 0; i < 300; i++) {
                            String mine = "caller-" + caller + "-call-" + i;
                            CallResult r = engine.call(wat("hostapi"), "echo", args(mine), new InMemoryContractHost());
                            String got = new String(r.returnValue(), java.nio.charset.StandardCharsets.UTF_8);
                            if (r.outcome() != Outcome.OK || !got.equals(mine)) {
                                wrong.add(mine + " -> " + r.outcome() + " " + got);
                            }
                        }
                        return wrong;
                    }));
                }
                for (var f : futures) {
                    assertThat(f.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(pooled(engine, wat("hostapi"))).isBetween(1, 2);
        }
    }

    private static int pooled(WasmEngine engine, byte[] code) {
        PreparedModule module = (PreparedModule) engine.cachedPreparation(code);
        synchronized (module.pool()) {
            return module.pool().size();
        }
    }
}
