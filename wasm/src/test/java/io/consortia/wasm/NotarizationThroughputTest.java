package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.contract;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reports (never asserts) calls per second of a notarization call (put one key), compiled and instrumented vs.
 * interpreted (same instrumented module), for the hand-written WAT notary and the AssemblyScript records example.
 * Figures go to docs/wasm-contracts.md; the assertions only check that every measured call succeeded.
 */
@Tag("slow") // a minute of measuring: run with -Pslow (docs/wasm-contracts.md)
class NotarizationThroughputTest {
    private static final long MEASURE_NANOS = Long.getLong("wasm.measure.millis", 3000) * 1_000_000;
    private static final int PASSES = Integer.getInteger("wasm.measure.passes", 2);

    @Test
    void reportCallsPerSecond() {
        StringBuilder report = new StringBuilder("notarization calls/s (one thread, pooled instances reset between calls):\n");
        report.append("  (calls/s on the wall clock, and the process's CPU microseconds per call, JIT and GC included:\n"
                + "   the CPU figure is the steadier one on a shared machine)\n");
        for (int pass = 1; pass <= PASSES; pass++) {
            for (boolean compiled : new boolean[] {true, false}) {
                report.append(pass(pass, compiled));
            }
        }
        System.out.print(report);
    }

    private static String pass(int pass, boolean compiled) {
        try (WasmEngine engine = new WasmEngine(WasmConfig.defaults().withCompile(compiled))) {
            String mode = "pass " + pass + " " + (compiled ? "compiled+instrumented" : "interpreted+instrumented");
            return String.format("  %-33s WAT notary %s   AssemblyScript records.put %s%n", mode,
                    measure(engine, wat("notary"), "notarize"), measure(engine, contract("records"), "put"));
        }
    }

    private static String measure(WasmEngine engine, byte[] code, String function) {
        InMemoryContractHost host = new InMemoryContractHost();
        for (int i = 0; i < 2000; i++) { // warm-up: compilation, JIT
            assertThat(engine.call(code, function, args("warm-" + i, "sha256:00ff"), host).outcome()).isEqualTo(Outcome.OK);
        }
        long calls = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            CallResult r = engine.call(code, function, args("doc-" + calls, "sha256:00ff"), host);
            assertThat(r.outcome()).isEqualTo(Outcome.OK);
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MEASURE_NANOS);
        double cpuMicrosPerCall = (os.getProcessCpuTime() - cpuStart) / 1e3 / calls;
        return String.format("%7.0f/s %6.1f us CPU", calls * 1e9 / elapsed, cpuMicrosPerCall);
    }
}
