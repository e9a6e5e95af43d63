package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.contract;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same calls on the same state: same outcome, same writes, same fuel, whether compiled or interpreted. */
class DeterminismTest {

    private record Run(List<Outcome> outcomes, List<Long> fuel, List<List<CallResult.Write>> writes,
                       java.util.Map<String, String> finalState) {
    }

    /** A fixed script of calls on the two examples and the WAT notary, on a fresh engine and host. */
    private static Run script(WasmConfig config) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> fuel = new ArrayList<>();
        List<List<CallResult.Write>> writes = new ArrayList<>();
        InMemoryContractHost host = new InMemoryContractHost();
        try (WasmEngine engine = new WasmEngine(config)) {
            List<CallResult> results = List.of(
                    engine.call(contract("records"), "put", args("a", "1"), host.as("Org1")),
                    engine.call(contract("records"), "put", args("b", "2"), host.as("Org2")),
                    engine.call(contract("records"), "del", args("a"), host.as("Org2")),
                    engine.call(contract("records"), "list", args(), host),
                    engine.call(contract("escrow"), "open", args("e", "S", "A", "7"), host.as("B")),
                    engine.call(contract("escrow"), "refund", args("e"), host.as("S")),
                    engine.call(wat("notary"), "notarize", args("doc", "h"), host),
                    engine.call(wat("count"), "run", args("xxxxx"), host),
                    engine.call(wat("loop"), "run", args(), host, new CallLimits(123_456, 4)));
            for (CallResult r : results) {
                outcomes.add(r.outcome());
                fuel.add(r.fuelUsed());
                writes.add(r.writes());
            }
        }
        return new Run(outcomes, fuel, writes, host.snapshot());
    }

    @Test
    void sameCallsGiveTheSameWritesAndFuel() {
        Run first = script(WasmConfig.defaults());
        Run second = script(WasmConfig.defaults());

        assertThat(first.outcomes()).containsExactly(Outcome.OK, Outcome.OK, Outcome.REJECTED, Outcome.OK, Outcome.OK,
                Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OUT_OF_FUEL);
        assertThat(first.fuel()).allMatch(f -> f > 0);
        assertThat(second).isEqualTo(first);
        System.out.println("fuel per call: " + first.fuel());
    }

    @Test
    void interpreterAndCompilerBurnTheSameFuel() {
        Run compiled = script(WasmConfig.defaults().withCompile(true));
        Run interpreted = script(WasmConfig.defaults().withCompile(false));
        assertThat(interpreted).isEqualTo(compiled);
    }

    @Test
    void fuelGrowsWithTheWorkDone() {
        try (WasmEngine engine = new WasmEngine(WasmConfig.defaults())) {
            long one = engine.call(wat("count"), "run", args("x"), new InMemoryContractHost()).fuelUsed();
            long two = engine.call(wat("count"), "run", args("xx"), new InMemoryContractHost()).fuelUsed();
            long three = engine.call(wat("count"), "run", args("xxx"), new InMemoryContractHost()).fuelUsed();
            // 1000 loop iterations per argument byte, each costing the same
            assertThat(two - one).isEqualTo(three - two).isGreaterThanOrEqualTo(1000 * 10);
        }
    }
}
