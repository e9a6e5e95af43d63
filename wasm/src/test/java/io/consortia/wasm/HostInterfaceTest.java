package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host functions the examples do not exercise: identity, time, logs, events, built-in calls. */
class HostInterfaceTest {
    private static WasmEngine engine;

    @BeforeAll
    static void start() {
        engine = new WasmEngine(WasmConfig.defaults());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void argumentsIdentityAndTime() {
        InMemoryContractHost host = new InMemoryContractHost().as("Org7");
        host.timestamp = 1_234_567_890_123L;
        assertThat(le(engine.call(wat("hostapi"), "count", args("a", "b", "c"), host).returnValue()).getInt()).isEqualTo(3);
        assertThat(text(engine.call(wat("hostapi"), "cert", args(), host).returnValue())).isEqualTo("cert-Org7");
        assertThat(le(engine.call(wat("hostapi"), "time", args(), host).returnValue()).getLong()).isEqualTo(1_234_567_890_123L);
    }

    @Test
    void logsHappenAtOnceEventsOnlyWhenOk() {
        InMemoryContractHost host = new InMemoryContractHost();
        CallResult r = engine.call(wat("hostapi"), "log_and_emit", args(), host);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(host.logs).containsExactly("WARN hello");
        assertThat(r.events()).containsExactly(new CallResult.Event("hello", "token".getBytes(StandardCharsets.UTF_8)));
        assertThat(host.events).isEqualTo(r.events());

        CallResult bad = engine.call(wat("hostapi"), "bad_log_level", args(), host);
        assertThat(bad.outcome()).isEqualTo(Outcome.HOST_MISUSE);
        assertThat(bad.reason()).contains("log level 9");
    }

    @Test
    void logLinesAreEscapedOnlyIfTheHostWritesThem() {
        int[] handed = {0};
        int[] eager = {0};
        InMemoryContractHost dropping = new InMemoryContractHost() {
            @Override
            public void log(LogLevel level, String message) {
                eager[0]++; // an engine that escapes before asking: the cost of a line nobody writes
            }

            @Override
            public void log(LogLevel level, java.util.function.Supplier<String> message) {
                handed[0]++; // logging off: the message is never built
            }
        };
        CallResult r = engine.call(wat("hostapi"), "log_flood", args(), dropping);
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.OK);
        assertThat(eager[0]).as("lines escaped eagerly").isZero();
        assertThat(handed[0]).isEqualTo(2000);

        InMemoryContractHost writing = new InMemoryContractHost();
        engine.call(wat("hostapi"), "log_flood", args(), writing);
        assertThat(writing.logs).hasSize(2000);
        assertThat(writing.logs.get(0)).isEqualTo("ERROR " + "\\u0000".repeat(4096));
    }

    @Test
    void builtInCallsGetDecodedArgumentsAndTheirResultCanBeFetchedAgain() {
        List<String> seen = new ArrayList<>();
        InMemoryContractHost host = new InMemoryContractHost() {
            @Override
            public byte[] callBuiltin(String contract, String function, List<byte[]> arguments) {
                seen.add(contract + "." + function + arguments.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList());
                return "balance=42".getBytes(StandardCharsets.UTF_8);
            }
        };
        CallResult r = engine.call(wat("hostapi"), "builtin", args(), host);
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.OK);
        assertThat(seen).containsExactly("token.balance[Org1, x]");
        assertThat(text(r.returnValue())).isEqualTo("balance=42");

        CallResult truncated = engine.call(wat("hostapi"), "builtin_bad_args", args(), host);
        assertThat(truncated.outcome()).isEqualTo(Outcome.HOST_MISUSE);
        assertThat(truncated.reason()).contains("call_builtin");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRefusingBuiltInRejectsTheCall() {
        CallResult r = engine.call(wat("hostapi"), "builtin", args(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.reason()).isEqualTo("no built-in contracts in this test host");
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
