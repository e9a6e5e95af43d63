package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final Block BLOCK = Block.newBuilder()
            .setHeader(BlockHeader.newBuilder().setNumber(7))
            .addTransactions(tx("t0", "nft", "nft.minted", "nft.transferred"))
            .addTransactions(BlockTransaction.newBuilder().setTransactionId("t1").setCode(ValidationCode.CONTRACT_REJECTED)
                    .setTransaction(Transaction.newBuilder().setPayload(ByteString.copyFromUtf8("not a payload"))))
            .addTransactions(tx("t2", "token", "token.transferred"))
            .addTransactions(tx("t3", "nft", "nft.transferred"))
            .build();

    @Test
    void an_empty_filter_passes_every_event_in_block_transaction_and_event_order() {
        assertThat(describe(filter("").matching(BLOCK))).containsExactly(
                "7/0/0 nft nft.minted t0", "7/0/1 nft nft.transferred t0", "7/2/0 token token.transferred t2",
                "7/3/0 nft nft.transferred t3");
    }

    @Test
    void contract_and_names_narrow_the_events() {
        assertThat(describe(filter("nft").matching(BLOCK))).containsExactly(
                "7/0/0 nft nft.minted t0", "7/0/1 nft nft.transferred t0", "7/3/0 nft nft.transferred t3");
        assertThat(describe(filter("nft", "nft.transferred").matching(BLOCK))).containsExactly(
                "7/0/1 nft nft.transferred t0", "7/3/0 nft nft.transferred t3");
        assertThat(describe(filter("", "token.transferred", "nft.minted").matching(BLOCK))).containsExactly(
                "7/0/0 nft nft.minted t0", "7/2/0 token token.transferred t2");
        assertThat(filter("token", "nft.minted").matching(BLOCK)).isEmpty();
        assertThat(filter("asset").matching(BLOCK)).isEmpty();
        assertThat(filter("nft").matching(BLOCK).get(0).getPayload().toStringUtf8()).isEqualTo("{\"e\":\"nft.minted\"}");
    }

    @Test
    void oversized_or_empty_filter_parts_are_refused() {
        assertThatThrownBy(() -> filter("x".repeat(65))).isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("contract name");
        assertThatThrownBy(() -> filter("nft", "")).hasMessageContaining("event names are 1-256");
        assertThatThrownBy(() -> filter("nft", "e".repeat(257))).hasMessageContaining("event names are 1-256");
        assertThatThrownBy(() -> filter("nft", Collections.nCopies(65, "e").toArray(String[]::new)))
                .hasMessageContaining("at most 64");
    }

    private static EventFilter filter(String contract, String... names) {
        return EventFilter.of(StreamEventsRequest.newBuilder().setChannel("main").setContract(contract)
                .addAllEventNames(List.of(names)).build());
    }

    private static BlockTransaction tx(String id, String contract, String... events) {
        BlockTransaction.Builder tx = BlockTransaction.newBuilder().setTransactionId(id).setCode(ValidationCode.VALID)
                .setTransaction(Transaction.newBuilder().setPayload(TransactionPayload.newBuilder()
                        .setContract(contract).setFunction("f").build().toByteString()));
        for (String event : events) {
            tx.addEvents(Event.newBuilder().setName(event).setPayload(ByteString.copyFromUtf8("{\"e\":\"" + event + "\"}")));
        }
        return tx.build();
    }

    private static List<String> describe(List<ContractEvent> events) {
        return events.stream().map(e -> e.getBlockNumber() + "/" + e.getTransactionIndex() + "/" + e.getEventIndex() + " "
                + e.getContract() + " " + e.getName() + " " + e.getTransactionId()).toList();
    }
}
