package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionAdmissionTest {
    private static final TestNetworkFixture NETWORK = TestNetworkFixture.create();
    private static final ChannelHarness NODE = new ChannelHarness(NETWORK);

    @AfterAll
    static void close() {
        NODE.close();
    }

    @ParameterizedTest
    @EnumSource(io.consortia.crypto.SignatureScheme.class)
    void a_well_formed_signed_transaction_is_admitted_under_its_payload_hash(io.consortia.crypto.SignatureScheme scheme) {
        try (ChannelHarness node = new ChannelHarness(TestNetworkFixture.create(scheme))) {
            Transaction tx = BadTransactions.notarize(node.network).build();

            AdmissionResult result = node.admission.admit(tx, node.network.now());

            assertThat(result.valid()).isTrue();
            assertThat(result.reason()).isEmpty();
            assertThat(result.transactionId()).isEqualTo(Hashes.hex(scheme.hash().digest(tx.getPayload().toByteArray())));
            assertThat(result.payload().getContract()).isEqualTo("notarization");
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("io.consortia.node.execution.BadTransactions#all")
    void bad_input_is_refused_with_its_own_code_and_a_reason(String description, ValidationCode code,
            Function<TestNetworkFixture, Transaction> bad) {
        AdmissionResult result = NODE.admission.admit(bad.apply(NETWORK), NETWORK.now());

        assertThat(result.code()).as(description).isEqualTo(code);
        assertThat(result.reason()).isNotBlank();
        assertThat(result.transactionId()).hasSize(64);
    }

    @Test
    void admitting_many_keeps_their_order_and_verdicts() {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TestClient.Call call = BadTransactions.notarize(NETWORK);
            txs.add(i % 3 == 0 ? call.signedBy(NETWORK.client("Org2")) : call.build());
        }

        List<AdmissionResult> results = NODE.admission.admitAll(txs, NETWORK.now());

        assertThat(results).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(results.get(i).code()).isEqualTo(i % 3 == 0 ? ValidationCode.BAD_SIGNATURE : ValidationCode.VALID);
            assertThat(results.get(i).transactionId())
                    .isEqualTo(Hashes.hex(NETWORK.hash().digest(txs.get(i).getPayload().toByteArray())));
        }
    }

    @Test
    void admitting_from_every_thread_of_the_verify_pool_itself_does_not_deadlock() throws Exception {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            txs.add(BadTransactions.notarize(NETWORK).build());
        }
        // both pool threads become callers, so no helper can run: the callers must do all the work
        var first = NODE.pool.submit(() -> NODE.admission.admitAll(txs, NETWORK.now()));
        var second = NODE.pool.submit(() -> NODE.admission.admitAll(txs, NETWORK.now()));

        assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS)).allMatch(AdmissionResult::valid);
        assertThat(second.get(60, java.util.concurrent.TimeUnit.SECONDS)).hasSize(200);
    }

    @Test
    void nothing_is_admitted_from_an_empty_list() {
        assertThat(NODE.admission.admitAll(List.of(), NETWORK.now())).isEmpty();
    }
}
