package io.consortia.wasm;

/**
 * What a wasm call may put on the JVM's stack, counted the same way on every node so that deep recursion always ends
 * with the deterministic "call stack beyond N slots", never with the JVM's own overflow (whose depth depends on the
 * JVM, its flags and what the JIT has compiled so far, so nodes could disagree on a transaction).
 *
 * <p>Chicory's compiler turns each wasm function into one Java method whose locals are the function's parameters and
 * locals and whose operand stack is the wasm operand stack, so a frame takes one 8-byte JVM slot per i32 and two per
 * i64 (measured on HotSpot 17, x86-64: 8.05 bytes per local slot for frames of 10 000 to 20 000 slots). A call is
 * charged, before it is made, the callee's {@link #weight}: its local slots, twice its highest operand stack (the
 * compiler may copy the values a branch keeps into extra locals) and {@link #FRAME_SLOTS} for what every call costs
 * whatever the function (frame header, the memory and instance arguments, the metering's own operands; in
 * interpreter mode the interpreter's Java frames, 350-860 bytes per wasm call measured, locals being on the heap).
 * The slots of the calls in progress may not exceed {@link WasmConfig#maxStackSlots()}.
 *
 * <p>The engine's threads get {@link #requiredStackBytes} at least: {@link #MARGIN} times the budget in bytes, for
 * frames the JIT lays out differently, plus {@link #RESERVE_BYTES} for what runs below the first wasm frame (the
 * node's block execution on the same thread), above the last (host functions, built-in contracts) and the JVM's guard
 * pages. Without the budget, a frame whose operand stack was larger than the JVM's guard pages could step over them
 * near the end of the stack: the JVM crashed (SIGSEGV) instead of throwing StackOverflowError.
 */
final class StackBudget {
    /** Bytes of one JVM stack slot (HotSpot, 64-bit). */
    static final long SLOT_BYTES = 8;
    /** Slots charged for every call besides the function's own locals and operand stack. */
    static final int FRAME_SLOTS = 128;
    static final int MARGIN = 2;
    static final long RESERVE_BYTES = 4L << 20;
    /** Largest budget: the instrumented i32 counter reaches at most twice the budget plus one (a callee's weight is capped). */
    static final int MAX_BUDGET = 1 << 29;

    private StackBudget() {
    }

    /**
     * Slots charged for a call of a function.
     *
     * @param localSlots parameters and locals, i32 one slot, i64 two
     * @param stackSlots the highest its operand stack gets, i32 one slot, i64 two
     * @param budget     the budget: a heavier function traps on entry anyway, so weights are capped just above it
     */
    static int weight(long localSlots, long stackSlots, int budget) {
        return (int) Math.min((long) budget + 1, FRAME_SLOTS + localSlots + 2 * stackSlots);
    }

    /** The least stack an engine thread needs for a budget of {@code slots}. */
    static long requiredStackBytes(int slots) {
        return MARGIN * SLOT_BYTES * slots + RESERVE_BYTES;
    }
}
