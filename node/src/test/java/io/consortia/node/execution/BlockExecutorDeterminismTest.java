package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every node applies the same log: two nodes fed the same batches must build byte-identical blocks. */
class BlockExecutorDeterminismTest {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void two_nodes_fed_the_same_batches_build_identical_blocks(SignatureScheme scheme) {
        TestNetworkFixture network = TestNetworkFixture.create(scheme);
        try (ChannelHarness proposer = new ChannelHarness(network);
                ChannelHarness follower = new ChannelHarness(network)) {
            Set<String> admittedByProposer = new HashSet<>();
            for (TransactionBatch batch : batches(network)) {
                proposer.admission.admitAll(batch.getTransactionsList(), network.now()).stream()
                        .filter(AdmissionResult::valid)
                        .forEach(result -> admittedByProposer.add(result.transactionId()));

                Block fromProposer = proposer.apply(batch, admittedByProposer::contains);
                Block fromFollower = follower.apply(batch, id -> false);

                assertThat(fromFollower.toByteArray()).isEqualTo(fromProposer.toByteArray());
            }
            assertThat(follower.ledger.height()).isEqualTo(4);
            assertThat(follower.ledger.currentHash()).isEqualTo(proposer.ledger.currentHash());
            assertThat(follower.ledger.transactionCount()).isEqualTo(proposer.ledger.transactionCount());
        }
    }

    /** Three blocks mixing valid calls, a rejected one, a replay, a forgery and a malformed one. */
    private static List<TransactionBatch> batches(TestNetworkFixture network) {
        TestClient org1 = network.client("Org1");
        TestClient org2 = network.client("Org2");
        Transaction notarize = org1.call("notarization", "record", "ab".repeat(32), "invoice 7").build();
        List<TransactionBatch> batches = new ArrayList<>();
        batches.add(network.batch(
                notarize,
                org1.call("asset", "create", "car-1", "red", "100").build(),
                org2.call("asset", "transfer", "car-1", "Org2").build(),
                org1.call("asset", "transfer", "car-1", "Org2").build()));
        batches.add(network.batch(
                notarize,
                org2.call("notarization", "record", "cd".repeat(32)).signedBy(org1),
                Transaction.getDefaultInstance(),
                org2.call("asset", "transfer", "car-1", "Org1").build()));
        batches.add(network.batch(
                org1.call("notarization", "record", "ab".repeat(32), "again").build(),
                org2.call("notarization", "listBySubmitter", "Org1").build()));
        return batches;
    }
}
