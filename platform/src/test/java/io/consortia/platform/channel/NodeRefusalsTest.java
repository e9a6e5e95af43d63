package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

class NodeRefusalsTest {
    /** What gRPC says when no node answered in time: its deadline and the nodes' internal addresses. */
    private static final String DEADLINE = "deadline exceeded after 9.99s. [closed=[], open=[[remote_addr="
            + "127.0.0.1/127.0.0.1:30012 buffered_nanos=1234, waiting_for_connection]]]";
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(NodeRefusals.class);

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "FAILED_PRECONDITION | CONTRACT_REJECTED: asset NOPE does not exist | CONFLICT              | contract-rejected"
                    + " | The contract refused the call (CONTRACT_REJECTED): asset NOPE does not exist",
            "INVALID_ARGUMENT    | symbol must be 1-12 letters                  | UNPROCESSABLE_CONTENT | transaction-refused"
                    + " | The node refused the call: symbol must be 1-12 letters",
            "NOT_FOUND           | channel main has no block 999999 (height 2)  | NOT_FOUND             | not-found"
                    + " | channel main has no block 999999 (height 2)",
            "NOT_FOUND           | asset NOPE does not exist                    | NOT_FOUND             | not-found"
                    + " | asset NOPE does not exist",
            "PERMISSION_DENIED   | FORBIDDEN: records.get admits org1 only      | FORBIDDEN             | forbidden"
                    + " | The node refused the call (FORBIDDEN): records.get admits org1 only",
            "PERMISSION_DENIED   | channel main is readable by its members only | FORBIDDEN             | forbidden"
                    + " | The node refused the call: channel main is readable by its members only"})
    void the_nodes_reason_without_the_sdks_wrapping(Status.Code code, String description, HttpStatus status,
            String type, String detail) {
        PlatformException problem = NodeRefusals.of(failed(code, description), "main");

        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo(type);
        assertThat(problem.getMessage()).isEqualTo(detail);
        assertThat(problem.retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DEADLINE_EXCEEDED   | Channel trade has no leader right now, or its nodes are overloaded (no answer "
                    + "within 10 s, or 30 s when a transaction waits for its commit); try again",
            "UNAVAILABLE         | No node of channel trade can be reached right now; try again",
            "INTERNAL            | The nodes of channel trade could not complete the call; try again (the platform "
                    + "log has the details)"})
    void no_answer_is_told_in_the_callers_words_with_retry_after_and_grpcs_words_go_to_the_log(Status.Code code,
            String detail) {
        GatewayException failed = failed(code, DEADLINE);

        PlatformException problem = NodeRefusals.of(failed, "trade");

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.type()).isEqualTo("network-unavailable");
        assertThat(problem.getMessage()).isEqualTo(detail)
                .doesNotContain("127.0.0.1").doesNotContain("remote_addr").doesNotContain(code.name());
        assertThat(problem.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("channel trade").contains("remote_addr=127.0.0.1");
        });
    }

    @Test
    void a_node_that_cannot_order_while_its_channel_elects_a_leader_is_unavailable_not_a_contract_refusal() {
        PlatformException problem = NodeRefusals.of(failed(Status.Code.FAILED_PRECONDITION,
                "channel trade has no leader"), "trade");

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.getMessage()).isEqualTo("Channel trade has no leader right now (its nodes are electing "
                + "one); try again");
        assertThat(problem.retryAfter()).contains(Duration.ofSeconds(5));
    }

    /**
     * A transaction whose ordering failed (its node was removed from the channel while it held it) has
     * no validation code: it was answered 422 transaction-refused, as if it could never pass, while the
     * same call again through a current peer commits (found by a tester removing a node under load).
     */
    @Test
    void a_transaction_whose_ordering_failed_is_unavailable_with_retry_after_not_refused() {
        PlatformException problem = NodeRefusals.of(io.consortia.protocol.v1.ValidationCode.VALIDATION_CODE_UNSPECIFIED,
                "ordering failed; the transaction may still be committed: this node no longer serves channel main");

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.type()).isEqualTo("network-unavailable");
        assertThat(problem.getMessage()).contains("this node no longer serves channel main");
        assertThat(problem.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void without_a_channel_name_the_channel_is_named_generically() {
        PlatformException problem = NodeRefusals.unavailable(failed(Status.Code.UNAVAILABLE, "io exception"), null);

        assertThat(problem.getMessage()).isEqualTo("No node of the channel can be reached right now; try again");
    }

    /**
     * A submission whose answer did not come: the node may have admitted it, and it committed later; sent
     * again as the 503 said, it was refused as already notarized (found by a tester). The problem names it.
     */
    @Test
    void a_submission_without_an_answer_names_its_transaction_which_may_still_commit() {
        GatewayException lost = new io.consortia.sdk.TransactionException("Waiting 30 s for the commit of transaction"
                + " 1ade2f failed", "1ade2f", Status.DEADLINE_EXCEEDED.withDescription("deadline").asRuntimeException());

        PlatformException problem = NodeRefusals.of(lost, "main");

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.getMessage()).startsWith("Channel main has no leader right now").endsWith(
                "; try again (but first look up transaction 1ade2f: it may still commit)");
        assertThat(problem.extensions()).containsEntry("transactionId", "1ade2f");
        assertThat(problem.retryAfter()).isPresent();
    }

    private static GatewayException failed(Status.Code code, String description) {
        return new GatewayException("Evaluate of asset.read on channel trade failed: " + code + ": " + description,
                Status.fromCode(code).withDescription(description).asRuntimeException());
    }

    /**
     * The same refusal is the same problem whether the call was submitted (the code of an admission
     * refusal or of a block) or evaluated (the code the node puts first in its gRPC status). Before,
     * OUT_OF_FUEL and CONTRACT_FROZEN answered 409 submitted and 422 evaluated.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ValidationCode.class, names = {"VALID", "UNRECOGNIZED"}, mode = EnumSource.Mode.EXCLUDE)
    void a_code_is_the_same_problem_submitted_or_evaluated(ValidationCode code) {
        PlatformException submitted = NodeRefusals.of(code, "why");
        // the node's own gRPC status for an evaluation refused with that code (node/api/Statuses.forCode)
        Status.Code grpc = switch (code) {
            case UNKNOWN_CHANNEL, UNKNOWN_CONTRACT, UNKNOWN_FUNCTION -> Status.Code.NOT_FOUND;
            case FORBIDDEN, UNKNOWN_ORGANIZATION, BAD_CERTIFICATE, BAD_SIGNATURE -> Status.Code.PERMISSION_DENIED;
            case CONTRACT_REJECTED, UNKNOWN_CERTIFICATE -> Status.Code.FAILED_PRECONDITION;
            default -> Status.Code.INVALID_ARGUMENT;
        };
        PlatformException evaluated = NodeRefusals.of(failed(grpc, code.name() + ": why"), "trade");

        assertThat(evaluated.status()).isEqualTo(submitted.status());
        assertThat(evaluated.type()).isEqualTo(submitted.type());
        assertThat(evaluated.getMessage()).isEqualTo(submitted.getMessage()).endsWith("(" + code.name() + "): why");
    }

    /**
     * A call recorded in a block with its verdict (a duplicate notarization, a user contract out of fuel) is the
     * same problem as any refusal with that code, and names the transaction and block that record it: without
     * them the caller could not find the recorded transaction (found by a tester).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ValidationCode.class, names = {"CONTRACT_REJECTED", "OUT_OF_FUEL", "FORBIDDEN"})
    void a_refusal_recorded_in_a_block_names_its_transaction_and_block(ValidationCode code) {
        PlatformException recorded = NodeRefusals.recorded(code, "why", "ab".repeat(32), 12);
        PlatformException refused = NodeRefusals.of(code, "why");

        assertThat(recorded.status()).isEqualTo(refused.status());
        assertThat(recorded.type()).isEqualTo(refused.type());
        assertThat(recorded.code()).isEqualTo(refused.code()).contains(code.name());
        assertThat(recorded.getMessage()).isEqualTo(refused.getMessage());
        assertThat(recorded.extensions()).containsExactly(
                org.assertj.core.api.Assertions.entry("transactionId", "ab".repeat(32)),
                org.assertj.core.api.Assertions.entry("blockNumber", 12L));
        assertThat(refused.extensions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OUT_OF_FUEL        | CONFLICT              | contract-rejected",
            "OUT_OF_MEMORY      | CONFLICT              | contract-rejected",
            "CONTRACT_TRAPPED   | CONFLICT              | contract-rejected",
            "CONTRACT_FROZEN    | CONFLICT              | contract-rejected",
            "CONTRACT_REJECTED  | CONFLICT              | contract-rejected",
            "LIFECYCLE_INVALID  | CONFLICT              | contract-rejected",
            "FORBIDDEN          | FORBIDDEN             | forbidden",
            "UNKNOWN_FUNCTION   | NOT_FOUND             | not-found",
            "BAD_SIGNATURE      | UNPROCESSABLE_CONTENT | transaction-refused",
            "DUPLICATE_TRANSACTION_ID | UNPROCESSABLE_CONTENT | transaction-refused"})
    void the_status_of_each_kind_of_refusal(ValidationCode code, HttpStatus status, String type) {
        PlatformException problem = NodeRefusals.of(code, "why");

        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo(type);
    }
}
