package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.channel.NodeRefusals;
import io.consortia.protocol.v1.ValidationCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A refusal standing for a node's validation code carries it in the problem's {@code code}, whoever refused. */
class CodedProblemTest {
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void the_nodes_refusal_and_the_platforms_foreseen_one_carry_the_same_type_and_code() {
        ProblemDetail byNode = advice.platform(NodeRefusals.of(ValidationCode.LIFECYCLE_INVALID, "stale")).getBody();
        ResponseEntity<ProblemDetail> foreseen = advice.platform(
                NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, "Proposal x of c is stale"));

        assertThat(foreseen.getStatusCode().value()).isEqualTo(409);
        assertThat(foreseen.getBody().getType()).isEqualTo(byNode.getType())
                .hasToString("urn:consortia:problem:contract-rejected");
        assertThat(foreseen.getBody().getProperties()).containsEntry("code", "LIFECYCLE_INVALID");
        assertThat(byNode.getProperties()).containsEntry("code", "LIFECYCLE_INVALID");
        assertThat(foreseen.getBody().getDetail()).isEqualTo("Proposal x of c is stale (LIFECYCLE_INVALID)");
    }

    @Test
    void a_refusal_recorded_in_a_block_carries_its_transaction_id_and_block_number() {
        ProblemDetail recorded = advice.platform(NodeRefusals.recorded(ValidationCode.CONTRACT_REJECTED,
                "document ab is already notarized", "cd".repeat(32), 12)).getBody();

        assertThat(recorded.getType()).hasToString("urn:consortia:problem:contract-rejected");
        assertThat(recorded.getProperties()).containsEntry("code", "CONTRACT_REJECTED")
                .containsEntry("transactionId", "cd".repeat(32)).containsEntry("blockNumber", 12L);
        // refused before ordering, a call is in no block: it names neither
        assertThat(advice.platform(NodeRefusals.of(ValidationCode.CONTRACT_REJECTED, "no")).getBody().getProperties())
                .containsOnlyKeys("code");
    }

    @Test
    void a_problem_of_the_platforms_own_rules_has_no_code() {
        ProblemDetail conflict = advice.platform(PlatformException.conflict("Channel main is STOPPED")).getBody();
        assertThat(conflict.getProperties()).isNull(); // no property at all, so no code
    }
}
