package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.CertificateRole;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import io.consortia.protocol.v1.ValidationCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nft and traceability built-ins through the real executor and ledger: two nodes applying the
 * same batches write identical blocks, a refused call is recorded with its reason and writes and
 * emits nothing, and the events of valid calls are in the block in emission order.
 */
class BuiltInContractsExecutionTest {
    private static final TestNetworkFixture NETWORK = TestNetworkFixture.create();

    private final ChannelHarness node = new ChannelHarness(NETWORK);
    private final ChannelHarness twin = new ChannelHarness(NETWORK);
    private final TestClient alice = NETWORK.client("Org1", "alice", CertificateRole.USER);
    private final TestClient bob = NETWORK.client("Org2", "bob", CertificateRole.USER);

    @AfterEach
    void close() {
        node.close();
        twin.close();
    }

    @Test
    void both_nodes_write_identical_blocks_and_refusals_write_and_emit_nothing() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(applyToBoth(alice.call("nft", "createCollection", "art", "Art").build(),
                alice.call("nft", "mint", "art", "a-1", "Org2/bob", "ipfs://a-1").build(),
                alice.call("traceability", "createBatch", "b-1", "Tea", "{\"origin\":\"Yunnan\"}").build()));
        Block refused = applyToBoth(alice.call("nft", "transfer", "art", "a-1", "Org1/alice").build(),
                bob.call("traceability", "recordEvent", "b-1", "stolen").build());
        blocks.add(refused);
        blocks.add(applyToBoth(bob.call("nft", "transfer", "art", "a-1", "Org1/alice").build(),
                alice.call("traceability", "transferCustody", "b-1", "Org2").build(),
                bob.call("traceability", "recordEvent", "b-1", "processed", "dried").build()));

        assertThat(codes(blocks.get(0))).containsOnly(ValidationCode.VALID);
        assertThat(events(blocks.get(0))).containsExactly("nft.collectionCreated", "nft.minted", "nft.transferred",
                "traceability.created");

        assertThat(codes(refused)).containsOnly(ValidationCode.CONTRACT_REJECTED);
        assertThat(refused.getTransactions(0).getReason()).contains("Org1/alice is neither the owner Org2/bob");
        assertThat(refused.getTransactions(1).getReason()).contains("only the custodian Org1");
        assertThat(events(refused)).isEmpty();
        assertThat(refused.getHeader().getStateHash().toByteArray()).as("no writes: H of the empty input")
                .isEqualTo(NETWORK.hash().digest(new byte[0]));

        assertThat(codes(blocks.get(2))).containsOnly(ValidationCode.VALID);
        BlockTransaction moved = blocks.get(2).getTransactions(0);
        assertThat(moved.getEventsList()).extracting(Event::getName).containsExactly("nft.transferred");
        assertThat(moved.getEvents(0).getPayload().toStringUtf8())
                .isEqualTo("{\"collection\":\"art\",\"tokenId\":\"a-1\",\"from\":\"Org2/bob\",\"to\":\"Org1/alice\"}");
        assertThat(events(blocks.get(2))).containsExactly("nft.transferred", "traceability.custodyTransferred",
                "traceability.recorded");
    }

    private Block applyToBoth(Transaction... transactions) {
        TransactionBatch batch = NETWORK.batch(transactions);
        Block block = node.apply(batch, id -> false);
        Block other = twin.apply(batch, id -> false);
        assertThat(other).as("the twin's block %d", block.getHeader().getNumber()).isEqualTo(block);
        return block;
    }

    private static List<ValidationCode> codes(Block block) {
        return block.getTransactionsList().stream().map(BlockTransaction::getCode).toList();
    }

    private static List<String> events(Block block) {
        return block.getTransactionsList().stream().flatMap(tx -> tx.getEventsList().stream()).map(Event::getName).toList();
    }
}
