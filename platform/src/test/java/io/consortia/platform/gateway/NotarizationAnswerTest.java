package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.consortia.platform.system.PlatformException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** What POST .../notarizations answers for each outcome of its one transaction. */
class NotarizationAnswerTest {

    @Test
    void a_committed_notarization_is_created() {
        var answer = GatewayController.notarized(outcome("COMMITTED", "VALID", ""));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getBody().transactionId()).isEqualTo("tx-1");
    }

    @Test
    void one_still_waiting_for_its_block_is_accepted_with_its_transaction_id_not_refused() {
        var answer = GatewayController.notarized(outcome("ACCEPTED", "VALIDATION_CODE_UNSPECIFIED",
                "not committed within 10 s; look it up later"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().transactionId()).isEqualTo("tx-1");
        assertThat(answer.getBody().status()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_refused_one_is_the_refusals_problem_naming_the_transaction_and_block_that_record_it() {
        assertThatThrownBy(() -> GatewayController.notarized(outcome("COMMITTED", "CONTRACT_REJECTED",
                "document ab is already notarized", 12L)))
                .isInstanceOfSatisfying(PlatformException.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(p.getMessage()).contains("already notarized");
                    assertThat(p.extensions()).containsExactly(entry("transactionId", "tx-1"),
                            entry("blockNumber", 12L));
                });
    }

    @Test
    void one_refused_before_ordering_is_in_no_block_and_names_neither() {
        assertThatThrownBy(() -> GatewayController.notarized(outcome("REJECTED", "FORBIDDEN",
                "notarization.record admits org2 only", null)))
                .isInstanceOfSatisfying(PlatformException.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(p.extensions()).isEmpty();
                });
    }

    private static GatewayController.Outcome outcome(String status, String code, String reason) {
        return outcome(status, code, reason, null);
    }

    private static GatewayController.Outcome outcome(String status, String code, String reason, Long blockNumber) {
        return new GatewayController.Outcome("tx-1", status, code, reason, blockNumber, null, "");
    }
}
