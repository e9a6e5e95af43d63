package io.consortia.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.List;

/**
 * Active data and element segments must fit the memory and the table as instantiation creates them. Instantiation
 * copies them in and fails on one that does not fit, so such a module would pass every other rule, be committed, and
 * then trap at every call. Checked here instead, from the module alone (offsets are constants, the sizes are the
 * module's initial ones), so every node refuses it alike and the author is told which segment and by how much.
 */
final class SegmentBounds {
    static final long PAGE_BYTES = 65_536;
    /** Globals initialised from globals: a chain longer than the globals is a cycle (validation refuses those). */
    private static final int MAX_CHAIN = 10_000;

    private SegmentBounds() {
    }

    /** @throws InvalidModuleException naming the first segment that does not fit */
    static void check(WasmModule module, int initialPages) {
        long memoryBytes = initialPages * PAGE_BYTES;
        DataSegment[] data = module.dataSection().dataSegments();
        for (int i = 0; i < data.length; i++) {
            if (data[i] instanceof ActiveDataSegment active) {
                long offset = offset(module, active.offsetInstructions(), "data segment " + i);
                long length = active.data().length;
                if (offset + length > memoryBytes) {
                    throw new InvalidModuleException("data segment " + i + " at offset " + offset + " + " + length
                            + " bytes is outside memory of " + initialPages + (initialPages == 1 ? " page" : " pages")
                            + " (" + memoryBytes + " bytes)");
                }
            }
        }
        long tableEntries = module.tableSection().tableCount() == 0 ? 0
                : module.tableSection().getTable(0).limits().min();
        Element[] elements = module.elementSection().elements();
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] instanceof ActiveElement active) {
                long offset = offset(module, active.offset(), "element segment " + i);
                long count = active.elementCount();
                if (offset + count > tableEntries) {
                    throw new InvalidModuleException("element segment " + i + " at offset " + offset + " + " + count
                            + (count == 1 ? " function" : " functions") + " is outside the table of " + tableEntries
                            + (tableEntries == 1 ? " entry" : " entries"));
                }
            }
        }
    }

    /** The offset as an unsigned 32-bit value, as instantiation reads it. */
    private static long offset(WasmModule module, List<Instruction> expression, String where) {
        return Integer.toUnsignedLong(evaluate(module, expression, where, 0));
    }

    /**
     * i32.const, global.get of a global so initialised, and the extended-const arithmetic; the imports rule leaves
     * no imported global whose value only the host would know.
     */
    private static int evaluate(WasmModule module, List<Instruction> expression, String where, int chain) {
        if (chain > MAX_CHAIN) {
            throw new InvalidModuleException(where + "'s offset refers to globals in a cycle");
        }
        int[] stack = new int[expression.size()];
        int height = 0;
        for (Instruction instruction : expression) {
            switch (instruction.opcode()) {
                case END -> {
                    // the expression's end
                }
                case I32_CONST -> stack[height++] = (int) instruction.operand(0);
                case GLOBAL_GET -> {
                    int index = (int) instruction.operand(0);
                    if (index < 0 || index >= module.globalSection().globalCount()) {
                        throw new InvalidModuleException(where + "'s offset reads global " + index
                                + ", which the module does not define");
                    }
                    stack[height++] = evaluate(module, module.globalSection().getGlobal(index).initInstructions(),
                            where, chain + 1);
                }
                case I32_ADD, I32_SUB, I32_MUL -> {
                    if (height < 2) {
                        throw new InvalidModuleException(where + "'s offset is not a valid constant expression");
                    }
                    int b = stack[--height];
                    int a = stack[--height];
                    stack[height++] = switch (instruction.opcode()) {
                        case I32_ADD -> a + b;
                        case I32_SUB -> a - b;
                        default -> a * b;
                    };
                }
                default -> throw new InvalidModuleException(where + "'s offset uses " + instruction.opcode()
                        + ": an offset must be an i32 constant (i32.const, global.get, i32.add/sub/mul)");
            }
        }
        if (height != 1) {
            throw new InvalidModuleException(where + "'s offset is not a valid constant expression");
        }
        return stack[0];
    }
}
