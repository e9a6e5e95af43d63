package io.consortia.wasm;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The operand stack of one function followed as WebAssembly's validation does (values pushed and popped, blocks
 * entered and left, the stack cut back after an unconditional branch), to find its highest point in JVM slots: i32
 * one, i64 two. Only sizes are kept; the module's types are Chicory's validator's to check. After an unconditional
 * branch a block's stack is "polymorphic": pops below its base take nothing, so the count stays an upper bound.
 */
final class OperandStack {
    private record Block(int base, String params, String results) {
    }

    private final ArrayDeque<Block> blocks = new ArrayDeque<>();
    /** Slots of each value on the stack, bottom first. */
    private byte[] sizes = new byte[64];
    private int count;
    private long slots;
    private long highest;

    /** A function body is a block whose results are the function's. */
    OperandStack(String results) {
        blocks.push(new Block(0, "", results));
    }

    static int slots(char type) {
        return type == 'l' ? 2 : 1;
    }

    long highest() {
        return highest;
    }

    void push(char type) {
        pushSlots(slots(type));
    }

    void pushAll(String types) {
        for (int i = 0; i < types.length(); i++) {
            push(types.charAt(i));
        }
    }

    void pushSlots(int size) {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        sizes[count++] = (byte) size;
        slots += size;
        highest = Math.max(highest, slots);
    }

    void pop(int values) {
        cutTo(Math.max(blocks.peek().base, count - values));
    }

    /** Slots of the value on top; 2 (the larger) when the block has none left (unreachable code). */
    int topSlots() {
        return count > blocks.peek().base ? sizes[count - 1] : 2;
    }

    /** block, loop, if (its condition popped already): the parameters stay on the stack, inside the block. */
    void enter(String params, String results) {
        pop(params.length());
        blocks.push(new Block(count, params, results));
        pushAll(params);
    }

    void elseBranch() {
        Block b = blocks.peek();
        cutTo(b.base);
        pushAll(b.params);
    }

    void end() {
        Block b = blocks.pop();
        cutTo(b.base);
        pushAll(b.results);
        if (blocks.isEmpty()) {
            blocks.push(b); // the function's own end: nothing follows
        }
    }

    /** After br, br_table, return, unreachable: nothing the block held is used again. */
    void unreachable() {
        cutTo(blocks.peek().base);
    }

    private void cutTo(int newCount) {
        while (count > newCount) {
            slots -= sizes[--count];
        }
    }
}
