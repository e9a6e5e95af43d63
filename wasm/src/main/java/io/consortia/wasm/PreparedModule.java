package io.consortia.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Set;
import java.util.function.Function;

/**
 * A module validated, instrumented and (when compiling) compiled once; instances for calls are cheap to make from
 * it. {@code machines} is null for the interpreter.
 */
record PreparedModule(String codeHash, WasmModule module, Function<Instance, Machine> machines,
                      ModuleInstrumenter.Instrumented layout) {

    Set<String> functions() {
        return layout.functions();
    }
}
