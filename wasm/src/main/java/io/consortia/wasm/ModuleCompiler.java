package io.consortia.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;
import org.objectweb.asm.MethodTooLargeException;

/**
 * Chicory's runtime compiler, whose refusals become reasons a contract's author can act on: which function, why, and
 * what to do. Each wasm function becomes one Java method, so the JVM's method limits apply: 65 535 bytes of bytecode
 * (each local beyond the first 256 takes 5 bytes to set to zero, so about 13 000 locals at most, fewer with a large
 * body) and an operand stack the compiler's bytecode library handles only up to 32 767 slots (i32 one, i64 two).
 * There is no interpreter fallback: a function the compiler refuses makes the module invalid, the same on every node.
 */
final class ModuleCompiler {
    /** Highest operand stack accepted: measured, 32 766 slots compile and 32 768 fail; the rest is room for Chicory's own operands. */
    static final int MAX_OPERAND_STACK_SLOTS = 32_000;
    private static final String SPLIT = "split it into smaller functions";

    private ModuleCompiler() {
    }

    /** @throws InvalidModuleException with the reason when the compiler cannot translate the module */
    static Function<Instance, Machine> compile(WasmModule module, String className, ModuleInstrumenter.Instrumented layout) {
        if (layout.deepestStack() > MAX_OPERAND_STACK_SLOTS) {
            throw new InvalidModuleException(layout.describe(layout.deepestStackFunction()) + " holds up to "
                    + layout.deepestStack() + " slots on its operand stack (i32 one, i64 two), the compiler takes at most "
                    + MAX_OPERAND_STACK_SLOTS + ": " + SPLIT);
        }
        try {
            return MachineFactoryCompiler.builder(module)
                    .withClassName(className)
                    .withInterpreterFallback(InterpreterFallback.FAIL)
                    .compile();
        } catch (RuntimeException e) {
            throw new InvalidModuleException(reason(e, layout), e);
        }
    }

    private static String reason(RuntimeException e, ModuleInstrumenter.Instrumented layout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Chicory names the Java method of wasm function N "func_N" (function index space, imports first)
            if (t instanceof MethodTooLargeException m && m.getMethodName().matches("func_\\d{1,9}")) {
                int function = Integer.parseInt(m.getMethodName().substring("func_".length()));
                return layout.describe(function) + " is too large to compile: its Java method would have "
                        + m.getCodeSize() + " bytes of code, at most 65535 are allowed (each local takes up to 5 bytes, "
                        + "so no function compiles with more than about 13 000 locals): " + SPLIT;
            }
        }
        return "the module is too large to compile (a function's code, locals or operand stack is beyond what a Java "
                + "method can hold): split its largest functions";
    }
}
