package io.consortia.wasm;

import static io.consortia.wasm.Modules.wat;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract text reaches a transaction's reason and the node's log with its control characters escaped: a NUL, an
 * escape sequence, CR/LF or a right-to-left override went into the reason as they were, able to cut it, clear a
 * terminal, forge a line ("VALID: ok") or disguise a name.
 */
class SafeTextTest {
    private static final String ESCAPED = "no\\u0000\\u001B[2J\\u000D\\u000AVALID: ok \\u202Egpj.exe";
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
    void anAbortMessagesControlCharactersAreEscapedInTheReason() {
        CallResult r = engine.call(wat("text"), "abort_with_controls", List.of(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.reason()).isEqualTo(ESCAPED);
    }

    @Test
    void logLinesAreEscapedToo() {
        InMemoryContractHost host = new InMemoryContractHost();
        engine.call(wat("text"), "log_with_controls", List.of(), host);
        assertThat(host.logs).containsExactly("INFO " + ESCAPED);
    }

    @Test
    void aLongReasonIsCutAtTheSameLengthEverywhere() {
        // 4096 bytes, most of them NUL: 6 chars each once escaped, then cut to 1024 chars
        CallResult r = engine.call(wat("text"), "abort_long", List.of(), new InMemoryContractHost());
        assertThat(r.reason()).hasSize(SafeText.MAX_REASON_CHARS).startsWith(ESCAPED).endsWith(" [cut]");
    }

    @Test
    void aNameFromTheTransactionIsEscapedAsWell() {
        CallResult r = engine.call(wat("text"), "no\nsuch", List.of(), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN_FUNCTION);
        assertThat(r.reason()).isEqualTo("the contract has no function 'no\\u000Asuch'");
    }

    @Test
    void ordinaryTextIsUnchangedAndCharactersAreNeverHalved() {
        assertThat(SafeText.reason("already notarized: é, 中, 😀, tab\there")).isEqualTo("already notarized: é, 中, 😀, tab\\u0009here");
        String emoji = "x".repeat(SafeText.MAX_REASON_CHARS - SafeText.CUT.length() - 1) + "😀" + "y".repeat(10);
        assertThat(SafeText.reason(emoji)).endsWith("x [cut]").hasSize(SafeText.MAX_REASON_CHARS - 1);
    }
}
