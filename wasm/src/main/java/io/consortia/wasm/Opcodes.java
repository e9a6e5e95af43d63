package io.consortia.wasm;

/**
 * Names of the opcodes the validator refuses, so that a refusal says which instruction it met, and what the integer
 * instructions it accepts take from and leave on the operand stack ({@link OperandStack}).
 */
final class Opcodes {
    private static final String NUMERIC =
            "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u "
            + "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u "
            + "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge "
            + "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and i32.or "
            + "i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr "
            + "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and i64.or "
            + "i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr "
            + "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min "
            + "f32.max f32.copysign "
            + "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min "
            + "f64.max f64.copysign "
            + "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s "
            + "i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u "
            + "f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 "
            + "f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 "
            + "i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 "
            + "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s";
    private static final String[] NUMERIC_NAMES = NUMERIC.split(" ");
    static final int FIRST_NUMERIC = 0x45;
    static final int LAST_NUMERIC = FIRST_NUMERIC + NUMERIC_NAMES.length - 1;

    private static final String[] TRUNC_SAT = {
        "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
        "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u"};

    private Opcodes() {
    }

    static String numericName(int op) {
        return NUMERIC_NAMES[op - FIRST_NUMERIC];
    }

    /** True for the numeric opcodes (0x45..0xC4) that read or produce f32/f64 values. */
    static boolean isFloatNumeric(int op) {
        return numericName(op).contains("f32") || numericName(op).contains("f64");
    }

    static String truncSatName(int sub) {
        return TRUNC_SAT[sub];
    }

    static String memoryName(int op) {
        return switch (op) {
            case 0x2A -> "f32.load";
            case 0x2B -> "f64.load";
            case 0x38 -> "f32.store";
            case 0x39 -> "f64.store";
            default -> "memory op 0x" + Integer.toHexString(op);
        };
    }

    /** Operands an integer numeric instruction (0x45..0xC4, not a float one) takes from the stack. */
    static int numericOperands(int op) {
        return switch (op) {
            case 0x45, 0x50,                                  // i32.eqz, i64.eqz
                 0x67, 0x68, 0x69, 0x79, 0x7A, 0x7B,          // clz, ctz, popcnt
                 0xA7, 0xAC, 0xAD,                            // i32.wrap_i64, i64.extend_i32_s/u
                 0xC0, 0xC1, 0xC2, 0xC3, 0xC4 -> 1;           // sign extensions
            default -> 2;                                     // comparisons and binary operators
        };
    }

    /** The type ('i' or 'l') an integer numeric instruction leaves: comparisons give i32 whatever they compare. */
    static char numericResult(int op) {
        boolean i32 = op <= 0x5A || (op >= 0x67 && op <= 0x78) || op == 0xA7 || op == 0xC0 || op == 0xC1;
        return i32 ? 'i' : 'l';
    }

    /** The type a load (0x28..0x35, not a float one) leaves. */
    static char loadResult(int op) {
        return op == 0x28 || (op >= 0x2C && op <= 0x2F) ? 'i' : 'l';
    }

    static boolean isFloatMemory(int op) {
        return op == 0x2A || op == 0x2B || op == 0x38 || op == 0x39;
    }
}
