package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.node.contracts.ContractRegistry;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final TestNetworkFixture NETWORK = TestNetworkFixture.create();

    private final ChannelHarness node = new ChannelHarness(NETWORK, ContractRegistry.builtIns().register(new TestContracts.Boom()));

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void a_read_only_call_sees_committed_state_and_writes_nothing() {
        BlockTransaction recorded = node.applyOne(BadTransactions.notarize(NETWORK).build());
        long height = node.ledger.height();

        byte[] result = node.executor.evaluate(
                NETWORK.client("Org2").call("notarization", "get", BadTransactions.HASH).build(), NETWORK.now());

        assertThat(new String(result, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"transactionId\":\"" + recorded.getTransactionId() + "\"");
        assertThat(node.ledger.height()).isEqualTo(height);
    }

    @Test
    void a_function_that_writes_cannot_be_evaluated() {
        assertThatThrownBy(() -> node.executor.evaluate(BadTransactions.notarize(NETWORK).build(), NETWORK.now()))
                .isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationCode.FORBIDDEN);
                    assertThat(e.reason()).contains("submit it");
                });
    }

    @Test
    void a_contract_refusal_comes_back_as_contract_rejected() {
        assertThatThrownBy(() -> node.executor.evaluate(
                NETWORK.client("Org1").call("notarization", "get", "not a hash").build(), NETWORK.now()))
                .isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
                    assertThat(e.missing()).isFalse();
                });
    }

    @Test
    void a_read_of_a_record_that_does_not_exist_is_told_apart_from_a_refusal() {
        // each built-in contract's reads of an unknown id: answered NOT_FOUND by the node's API
        java.util.List<TestClient.Call> reads = java.util.List.of(
                NETWORK.client("Org1").call("notarization", "get", BadTransactions.HASH),
                NETWORK.client("Org1").call("asset", "read", "a1"),
                NETWORK.client("Org1").call("token", "info", "PTS"),
                NETWORK.client("Org1").call("token", "balance", "PTS", "Org1/alice"),
                NETWORK.client("Org1").call("nft", "collection", "art"),
                NETWORK.client("Org1").call("traceability", "batch", "b1"),
                NETWORK.client("Org1").call("traceability", "history", "b1"));
        for (TestClient.Call read : reads) {
            assertThatThrownBy(() -> node.executor.evaluate(read.build(), NETWORK.now()))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
                        assertThat(e.missing()).as(e.getMessage()).isTrue();
                    });
        }
    }

    @Test
    void a_submitted_read_of_a_missing_record_is_recorded_as_before() {
        BlockTransaction recorded = node.applyOne(NETWORK.client("Org1").call("asset", "read", "a1").build());

        assertThat(recorded.getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(recorded.getReason()).isEqualTo("asset a1 does not exist");
    }

    @Test
    void evaluation_runs_the_admission_checks_first() {
        var forged = NETWORK.client("Org1").call("notarization", "get", BadTransactions.HASH).signedBy(NETWORK.client("Org2"));

        assertThatThrownBy(() -> node.executor.evaluate(forged, NETWORK.now()))
                .isInstanceOfSatisfying(EvaluationException.class,
                        e -> assertThat(e.code()).isEqualTo(ValidationCode.BAD_SIGNATURE));
    }

    @Test
    void a_function_declared_read_only_that_writes_is_refused_both_evaluated_and_submitted() {
        var sneaky = NETWORK.client("Org1").call("boom", "sneakyWrite").build();

        assertThatThrownBy(() -> node.executor.evaluate(sneaky, NETWORK.now()))
                .isInstanceOfSatisfying(EvaluationException.class,
                        e -> assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED));
        ExecutedBlock executed = node.executor.execute(NETWORK.batch(sneaky), id -> false);
        assertThat(executed.block().getTransactions(0).getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(executed.writes()).isEmpty();
    }
}
