package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.contract;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Reports (never asserts) calls per second of a notarization call (put one key), compiled and instrumented vs.
 * interpreted (same instrumented module), for the hand-written WAT notary and the AssemblyScript records example.
 * Figures go to docs/wasm-contracts.md; the assertions only check that every measured call succeeded.
 */
class NotarizationThroughputTest {
    private static final long MEASURE_NANOS = Long.getLong("wasm.measure.millis", 3000) * 1_000_000;

    @Test
    void reportCallsPerSecond() {
        StringBuilder report = new StringBuilder("notarization calls/s (one thread, fresh instance per call):\n");
        for (boolean compiled : new boolean[] {true, false, true, false}) {
            try (WasmEngine engine = new WasmEngine(WasmConfig.defaults().withCompile(compiled))) {
                String mode = compiled ? "compiled+instrumented" : "interpreted+instrumented";
                report.append(String.format("  %-26s WAT notary %8.0f   AssemblyScript records.put %8.0f%n", mode,
                        measure(engine, wat("notary"), "notarize"), measure(engine, contract("records"), "put")));
            }
        }
        System.out.print(report);
    }

    private static double measure(WasmEngine engine, byte[] code, String function) {
        InMemoryContractHost host = new InMemoryContractHost();
        for (int i = 0; i < 2000; i++) { // warm-up: compilation, JIT
            assertThat(engine.call(code, function, args("warm-" + i, "sha256:00ff"), host).outcome()).isEqualTo(Outcome.OK);
        }
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            CallResult r = engine.call(code, function, args("doc-" + calls, "sha256:00ff"), host);
            assertThat(r.outcome()).isEqualTo(Outcome.OK);
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MEASURE_NANOS);
        return calls * 1e9 / elapsed;
    }
}
