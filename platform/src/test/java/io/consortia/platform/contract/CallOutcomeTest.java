package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A contract's return value reaches the caller intact: exact bytes in base64, text only when it is text. */
class CallOutcomeTest {

    @Test
    void bytes_that_are_not_utf8_are_given_exactly_and_not_as_text() {
        byte[] returned = {(byte) 0xFF, (byte) 0xFE, 0, 'A', (byte) 0xC3};

        LifecycleService.CallOutcome outcome = LifecycleService.CallOutcome.of("t1", 7L, returned);

        assertThat(outcome.result()).isNull();
        assertThat(Base64.getDecoder().decode(outcome.resultBase64())).containsExactly(returned);
        assertThat(outcome.transactionId()).isEqualTo("t1");
        assertThat(outcome.blockNumber()).isEqualTo(7L);
    }

    @Test
    void utf8_text_is_kept_as_text_beside_its_bytes() {
        byte[] returned = "{\"owner\":\"组织1\"}".getBytes(StandardCharsets.UTF_8);

        LifecycleService.CallOutcome outcome = LifecycleService.CallOutcome.of(null, null, returned);

        assertThat(outcome.result()).isEqualTo("{\"owner\":\"组织1\"}");
        assertThat(Base64.getDecoder().decode(outcome.resultBase64())).containsExactly(returned);
    }

    @Test
    void nothing_returned_is_empty_text_and_empty_bytes() {
        LifecycleService.CallOutcome outcome = LifecycleService.CallOutcome.of(null, null, new byte[0]);

        assertThat(outcome.result()).isEmpty();
        assertThat(outcome.resultBase64()).isEmpty();
    }
}
