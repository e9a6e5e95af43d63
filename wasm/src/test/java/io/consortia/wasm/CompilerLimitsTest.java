package io.consortia.wasm;

import static io.consortia.wasm.LargeModules.I32;
import static io.consortia.wasm.LargeModules.I64;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.consortia.wasm.CallResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A function the compiler cannot turn into a Java method is refused with a reason its author can act on: which
 * function, why, what to do; no Java class names, no compiler options, no stack trace in the node's log. It was
 * "module could not be prepared: com.dylibso.chicory.wasm.ChicoryException: WASM function size exceeds the Java
 * method size limits ... enable the interpreter fallback mode: WASM function index: 0" and a WARN with a stack trace.
 */
class CompilerLimitsTest {
    private final Logger engineLog = (Logger) LoggerFactory.getLogger(WasmEngine.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private WasmEngine engine;

    @BeforeEach
    void start() {
        logged.start();
        engineLog.addAppender(logged);
        engine = new WasmEngine(WasmConfig.defaults());
    }

    @AfterEach
    void stop() {
        engine.close();
        engineLog.detachAppender(logged);
    }

    @Test
    void aFunctionWithTwentyThousandLocalsIsNamedAndTheAuthorToldToSplitIt() {
        // the tester's module: 20 000 i64 locals, under maxLocals (50 000), about 100 KB of Java bytecode
        assertThat(engine.validate(LargeModules.locals(20_000, I64))).hasValueSatisfying(reason -> {
            assertThat(reason).startsWith("function 0 (export 'f') is too large to compile: its Java method would have ")
                    .contains("at most 65535").contains("about 13 000 locals").endsWith("split it into smaller functions");
            assertReadable(reason);
        });
        CallResult r = engine.call(LargeModules.locals(20_000, I64), "f", List.of(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID_MODULE);
        assertThat(r.reason()).startsWith("function 0 (export 'f') is too large to compile");
        assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void aFunctionWithoutExportIsNamedByItsIndex() {
        // function 1 ($r, after the imported return_value); 13 100 locals still compile, 13 200 do not
        assertThat(engine.validate(LargeModules.recursion(13_100, I32, 0, 1))).isEmpty();
        assertThat(engine.validate(LargeModules.recursion(13_200, I32, 0, 1))).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("function 1 is too large to compile"));
    }

    @Test
    void anOperandStackBeyondTheCompilersLimitIsNamed() {
        // 16 383 i64 values: 32 768 slots broke the compiler ("java.lang.ArrayIndexOutOfBoundsException: Index -32768")
        assertThat(engine.validate(LargeModules.recursion(0, I32, 16_383, 1))).hasValueSatisfying(reason -> {
            assertThat(reason).isEqualTo("function 1 holds up to 32768 slots on its operand stack (i32 one, i64 two), "
                    + "the compiler takes at most 32000: split it into smaller functions");
            assertReadable(reason);
        });
        assertThat(engine.validate(LargeModules.recursion(0, I32, 15_999, 1))).isEmpty(); // 32 000 slots
        assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void theInterpreterHasNoSuchLimits() {
        try (WasmEngine interpreter = new WasmEngine(WasmConfig.defaults().withCompile(false))) {
            assertThat(interpreter.validate(LargeModules.locals(20_000, I64))).isEmpty();
        }
    }

    private static void assertReadable(String reason) {
        assertThat(reason).doesNotContain("java", "Exception", "chicory", "interpreter", "fallback");
    }
}
