package io.consortia.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpcodesTest {
    @Test
    void numericTableCoversTheMvpAndSignExtensionOpcodes() {
        assertThat(Opcodes.LAST_NUMERIC).isEqualTo(0xC4);
        assertThat(Opcodes.numericName(0x6A)).isEqualTo("i32.add");
        assertThat(Opcodes.numericName(0xA0)).isEqualTo("f64.add");
        assertThat(Opcodes.numericName(0xA7)).isEqualTo("i32.wrap_i64");
        assertThat(Opcodes.numericName(0xBF)).isEqualTo("f64.reinterpret_i64");
        assertThat(Opcodes.isFloatNumeric(0xAC)).isFalse(); // i64.extend_i32_s
        assertThat(Opcodes.isFloatNumeric(0xBC)).isTrue();  // i32.reinterpret_f32
        assertThat(Opcodes.isFloatNumeric(0x5B)).isTrue();  // f32.eq
    }
}
