package io.consortia.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Function;

/**
 * A module validated, instrumented and (when compiling) compiled once, with a pool of instances of it that are
 * reset between calls. {@code machines} is null for the interpreter.
 */
record PreparedModule(String codeHash, WasmModule module, Function<Instance, Machine> machines,
                      ModuleInstrumenter.Instrumented layout, ArrayDeque<Pooled> pool) {

    /** An instance with the host functions it was built with and its memory's page limit. */
    record Pooled(Instance instance, HostFunctions hostFunctions, int maxPages) {
    }

    PreparedModule(String codeHash, WasmModule module, Function<Instance, Machine> machines,
                   ModuleInstrumenter.Instrumented layout) {
        this(codeHash, module, machines, layout, new ArrayDeque<>());
    }

    Set<String> functions() {
        return layout.functions();
    }

    Pooled take() {
        synchronized (pool) {
            return pool.pollFirst();
        }
    }

    void give(Pooled pooled, int max) {
        synchronized (pool) {
            if (pool.size() < max) {
                pool.addFirst(pooled);
            }
        }
    }
}
