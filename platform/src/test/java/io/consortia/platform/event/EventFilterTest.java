package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a block turns into an application's events, where they are, and how retries wait. */
class EventFilterTest {

    private static BlockTransaction transaction(String id, String contract, ValidationCode code, String... events) {
        BlockTransaction.Builder builder = BlockTransaction.newBuilder().setTransactionId(id).setCode(code)
                .setTransaction(Transaction.newBuilder().setPayload(TransactionPayload.newBuilder()
                        .setContract(contract).setFunction("f").build().toByteString()));
        for (String event : events) {
            builder.addEvents(Event.newBuilder().setName(event)
                    .setPayload(ByteString.copyFrom("{\"e\":\"" + event + "\"}", StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private static final Block BLOCK = Block.newBuilder()
            .setHeader(BlockHeader.newBuilder().setNumber(7).setTransactionCount(3).setTimestampMillis(1000))
            .addTransactions(transaction("t0", "notarization", ValidationCode.VALID, "notarized"))
            .addTransactions(transaction("t1", "nft", ValidationCode.VALID, "nft.minted", "nft.transferred"))
            .addTransactions(transaction("t2", "nft", ValidationCode.CONTRACT_REJECTED))
            .build();

    @Test
    void a_block_subscription_gets_one_event_per_block_with_its_transactions() {
        List<AppEvent> events = new EventFilter(EventKind.BLOCK, "", List.of()).eventsOf(BLOCK);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).position().id()).isEqualTo("7-0-0");
        assertThat(events.get(0).data().get("number")).isEqualTo(7L);
        assertThat((List<?>) events.get(0).data().get("transactions")).hasSize(3);
    }

    @Test
    void transaction_statuses_are_one_event_per_transaction_of_the_contract_valid_or_not() {
        List<AppEvent> events = new EventFilter(EventKind.TX_STATUS, "nft", List.of()).eventsOf(BLOCK);
        assertThat(events).extracting(e -> e.position().id()).containsExactly("7-1-0", "7-2-0");
        assertThat(events).extracting(e -> e.data().get("code")).containsExactly("VALID", "CONTRACT_REJECTED");
        assertThat(events.get(1).data().get("valid")).isEqualTo(false);
        assertThat(new EventFilter(EventKind.TX_STATUS, "", List.of()).eventsOf(BLOCK)).hasSize(3);
    }

    @Test
    void contract_events_are_filtered_by_contract_and_name_and_keep_their_place() {
        List<AppEvent> all = new EventFilter(EventKind.CONTRACT_EVENT, "", List.of()).eventsOf(BLOCK);
        assertThat(all).extracting(e -> e.position().id()).containsExactly("7-0-0", "7-1-0", "7-1-1");
        List<AppEvent> transferred = new EventFilter(EventKind.CONTRACT_EVENT, "nft", List.of("nft.transferred"))
                .eventsOf(BLOCK);
        assertThat(transferred).extracting(e -> e.position().id()).containsExactly("7-1-1");
        assertThat(transferred.get(0).data().get("payload")).isEqualTo("{\"e\":\"nft.transferred\"}");
        assertThat(transferred.get(0).data().get("contract")).isEqualTo("nft");
    }

    @Test
    void positions_order_events_and_parse_back_from_their_id() {
        Position position = new Position(7, 1, 1);
        assertThat(Position.parse(position.id())).isEqualTo(position);
        assertThat(position.next()).isGreaterThan(position).isLessThan(Position.startOf(8));
        assertThat(new Position(7, 2, 0)).isGreaterThan(position.next());
        for (String bad : new String[] {"", "7", "7-1", "a-b-c", "7-1-1-1", "-1-0-0"}) {
            assertThatThrownBy(() -> Position.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<block>-<transaction>-<event>");
        }
    }

    @Test
    void a_delivery_id_is_stable_per_subscription_and_event() {
        Position position = new Position(7, 1, 1);
        assertThat(DeliveryIds.of(3, position)).isEqualTo(DeliveryIds.of(3, new Position(7, 1, 1)))
                .isNotEqualTo(DeliveryIds.of(4, position))
                .isNotEqualTo(DeliveryIds.of(3, position.next()));
    }

    @Test
    void retries_wait_twice_as_long_each_time_up_to_the_cap() {
        EventProperties properties = new EventProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 10, 1, Duration.ofMinutes(1),
                new EventProperties.Webhooks(true));
        assertThat(List.of(1, 2, 3, 4, 5, 50).stream().map(properties::backoff).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThatThrownBy(() -> new EventProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(10), 1, 10, 1, Duration.ofMinutes(1),
                new EventProperties.Webhooks(true)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
