package io.consortia.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operand stack's highest point in JVM slots, which a frame's weight counts (StackBudget). */
class OperandStackTest {
    @Test
    void i64ValuesTakeTwoSlots() {
        OperandStack s = new OperandStack("");
        s.push('i');
        s.push('l');
        s.push('l');
        s.pop(2);
        s.push('i');
        assertThat(s.highest()).isEqualTo(5);
    }

    @Test
    void aBlockLeavesItsResultsWhateverItHeld() {
        OperandStack s = new OperandStack("");
        s.push('i');
        s.enter("", "l");
        s.pushAll("iii");
        s.end();        // 1 + 2
        s.push('l');    // 1 + 2 + 2
        assertThat(s.highest()).isEqualTo(5);
    }

    @Test
    void afterABranchPopsTakeNothingBelowTheBlock() {
        OperandStack s = new OperandStack("");
        s.pushAll("ll");
        s.enter("", "");
        s.unreachable();
        s.pop(10);          // polymorphic: the outer values stay
        assertThat(s.topSlots()).isEqualTo(2); // unknown: the larger
        s.end();
        s.pushAll("ll");
        assertThat(s.highest()).isEqualTo(8);
    }

    @Test
    void blockParametersStayOnTheStackAndElseStartsAgainFromThem() {
        OperandStack s = new OperandStack("");
        s.pushAll("ll");
        s.push('i');        // the condition
        s.pop(1);
        s.enter("ll", "i");
        s.pushAll("l");     // 4 + 2
        s.elseBranch();     // back to the two parameters
        s.pushAll("i");     // 4 + 1
        s.end();
        assertThat(s.highest()).isEqualTo(6);
    }
}
