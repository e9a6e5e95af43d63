package io.consortia.wasm;

/**
 * The engine's limits and switches, with {@link #defaults()}.
 *
 * @param fuelPerCall        fuel a call may burn (one unit per ordinary instruction, more for calls and host calls)
 * @param memoryPagesPerCall 64 KiB pages a call's memory may reach; a module declaring more at start is refused
 * @param maxModuleBytes     largest module accepted
 * @param maxFunctions       most functions (imported + defined) in a module
 * @param maxLocals          most locals (parameters included) in one function
 * @param maxCallDepth       deepest wasm call nesting; deeper is a trap. Bounded here, not by the JVM's stack,
 *                           so that it is the same on every node
 * @param maxStackSlots      budget of the calls in progress, each weighing its frame (StackBudget); beyond
 *                           it a call traps. With {@code maxCallDepth}, what stops recursion with large frames
 * @param compile            run with Chicory's runtime compiler (true) or its interpreter (false)
 * @param cachedModules      prepared (validated, instrumented, compiled) modules kept, by code hash
 * @param threads            threads running calls (each with {@code threadStackBytes} of stack)
 * @param threadStackBytes   stack of those threads: at least {@link #requiredStackBytes()}, so that
 *                           {@code maxStackSlots} is always reached before the JVM's stack ends
 */
public record WasmConfig(
        long fuelPerCall,
        int memoryPagesPerCall,
        int maxModuleBytes,
        int maxFunctions,
        int maxLocals,
        int maxCallDepth,
        int maxStackSlots,
        boolean compile,
        int cachedModules,
        int threads,
        long threadStackBytes) {

    public WasmConfig {
        if (fuelPerCall <= 0 || memoryPagesPerCall <= 0 || maxModuleBytes <= 0 || maxFunctions <= 0 || maxLocals <= 0
                || maxCallDepth <= 0 || maxStackSlots <= 0 || cachedModules <= 0 || threads <= 0 || threadStackBytes <= 0) {
            throw new IllegalArgumentException("wasm limits must be positive");
        }
        if (maxStackSlots > StackBudget.MAX_BUDGET) {
            throw new IllegalArgumentException("maxStackSlots must be at most " + StackBudget.MAX_BUDGET);
        }
        if (threadStackBytes < StackBudget.requiredStackBytes(maxStackSlots)) {
            throw new IllegalArgumentException("threadStackBytes " + threadStackBytes + " is less than the "
                    + StackBudget.requiredStackBytes(maxStackSlots) + " that maxStackSlots " + maxStackSlots + " needs");
        }
        if (memoryPagesPerCall > 65536) {
            throw new IllegalArgumentException("memoryPagesPerCall must be at most 65536");
        }
    }

    public static WasmConfig defaults() {
        // 1 Mi slots: 256 calls of 4096 slots each (AssemblyScript's functions take tens); 32 MiB stacks hold the
        // 2 x 8 MiB it needs and the 4 MiB reserve with room to spare (StackBudget)
        return new WasmConfig(10_000_000L, 16, 1 << 20, 10_000, 50_000, 256, 1 << 20, true, 256,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 32L << 20);
    }

    /** The least {@code threadStackBytes} for {@code maxStackSlots} (StackBudget). */
    public long requiredStackBytes() {
        return StackBudget.requiredStackBytes(maxStackSlots);
    }

    public WasmConfig withFuelPerCall(long fuel) {
        return new WasmConfig(fuel, memoryPagesPerCall, maxModuleBytes, maxFunctions, maxLocals, maxCallDepth,
                maxStackSlots, compile, cachedModules, threads, threadStackBytes);
    }

    public WasmConfig withMemoryPagesPerCall(int pages) {
        return new WasmConfig(fuelPerCall, pages, maxModuleBytes, maxFunctions, maxLocals, maxCallDepth,
                maxStackSlots, compile, cachedModules, threads, threadStackBytes);
    }

    public WasmConfig withCompile(boolean compiled) {
        return new WasmConfig(fuelPerCall, memoryPagesPerCall, maxModuleBytes, maxFunctions, maxLocals, maxCallDepth,
                maxStackSlots, compiled, cachedModules, threads, threadStackBytes);
    }
}
