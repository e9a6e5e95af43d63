package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import org.junit.jupiter.api.Test;

class ModuleCacheTest {

    @Test
    void aModuleIsPreparedOnceAndKeptByCodeHash() {
        try (WasmEngine engine = new WasmEngine(WasmConfig.defaults())) {
            assertThat(engine.validate(wat("notary"))).isEmpty();
            Object prepared = engine.cachedPreparation(wat("notary"));
            assertThat(prepared).isInstanceOf(PreparedModule.class);
            assertThat(((PreparedModule) prepared).codeHash()).isEqualTo(WasmEngine.codeHash(wat("notary")));

            // a different byte array with the same code is the same module
            assertThat(engine.call(wat("notary").clone(), "notarize", args("k", "v"), new InMemoryContractHost()).outcome())
                    .isEqualTo(Outcome.OK);
            assertThat(engine.cachedPreparation(wat("notary"))).isSameAs(prepared);
            assertThat(engine.cachedModules()).isEqualTo(1);

            // refusals are cached too, with their reason
            assertThat(engine.validate(wat("float"))).isPresent();
            assertThat(engine.cachedPreparation(wat("float"))).isInstanceOf(String.class);
            assertThat(engine.cachedModules()).isEqualTo(2);
        }
    }

    @Test
    void theCacheIsBounded() {
        WasmConfig small = new WasmConfig(1_000_000, 4, 1 << 20, 100, 1000, 64, 1 << 18, true, 2, 1, 8L << 20);
        try (WasmEngine engine = new WasmEngine(small)) {
            engine.validate(wat("notary"));
            engine.validate(wat("loop"));
            engine.validate(wat("count"));
            assertThat(engine.cachedModules()).isEqualTo(2);
        }
    }
}
