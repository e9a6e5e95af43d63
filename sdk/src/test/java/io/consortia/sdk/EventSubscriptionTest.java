package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventSubscriptionTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);
    private static final AtomicInteger PAYLOADS = new AtomicInteger();

    private FakeNode node;
    private Gateway gateway;
    private Channel channel;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        node = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
        gateway = Gateway.newInstance().connection(node.channel).identity(IDENTITY).connect();
        channel = gateway.channel(FakeNode.CHANNEL);
    }

    @AfterEach
    void close() throws Exception {
        gateway.close();
        node.close();
    }

    @Test
    void the_filter_travels_to_the_node_and_events_arrive_in_order() {
        node.ledger.append(List.of(tx("a", "b"), tx("c")));
        try (Subscription subscription = channel.subscribeEvents(EventFilter.contract("nft").names("a", "c"), 0,
                this::record)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            node.ledger.append(List.of(tx("b", "a")));
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);

            assertThat(received).containsExactly("1/0/0 a", "1/1/0 c", "2/0/1 a");
            assertThat(subscription.nextBlockNumber()).isEqualTo(2);
            StreamEventsRequest request = node.ledger.eventRequests.get(0);
            assertThat(request.getContract()).isEqualTo("nft");
            assertThat(request.getEventNamesList()).containsExactly("a", "c");
        }
    }

    /** The resumed stream starts at the last event's block; its events up to the last one are not delivered again. */
    @Test
    void a_broken_stream_resumes_without_repeating_or_losing_an_event() {
        try (Subscription subscription = channel.subscribeEvents(EventFilter.all(), 0, this::record)) {
            node.ledger.append(List.of(tx("a"), tx("b", "c")));
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);

            node.ledger.breakLiveStreams();
            node.ledger.append(List.of(tx("d"))); // committed while no stream is open
            await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveEventStreams() == 1);
            node.ledger.append(List.of(tx("e")));

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 5);
            assertThat(received).containsExactly("1/0/0 a", "1/1/0 b", "1/1/1 c", "2/0/0 d", "3/0/0 e");
            assertThat(node.ledger.eventRequests).extracting(StreamEventsRequest::getFromBlock).containsExactly(0L, 1L);
            assertThat(subscription.isClosed()).isFalse();
        }
    }

    @Test
    void an_organisation_removed_from_the_channel_ends_its_event_subscription_once() {
        List<GatewayException> errors = new CopyOnWriteArrayList<>();
        Subscription subscription = channel.subscribeEvents(EventFilter.all(), 0, this::record, errors::add);
        node.ledger.append(List.of(tx("a")));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1 && node.ledger.liveEventStreams() == 1);

        Status denied = Status.PERMISSION_DENIED.withDescription("channel main is readable by its organisations only");
        node.ledger.refuseStreams(denied);
        node.ledger.breakLiveStreams(denied);

        await().atMost(Duration.ofSeconds(5)).until(subscription::isClosed);
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e.status()).map(Status::getCode).contains(Status.Code.PERMISSION_DENIED));
        assertThat(node.ledger.eventRequests).as("not resumed").hasSize(1);
        assertThat(received).containsExactly("1/0/0 a");
    }

    @Test
    void closing_cancels_the_stream_and_bad_arguments_are_refused() {
        Subscription subscription = channel.subscribeEvents(EventFilter.all(), 0, this::record);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveEventStreams() == 1);
        subscription.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveEventStreams() == 0);

        assertThatThrownBy(() -> channel.subscribeEvents(EventFilter.all(), -1, this::record))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventFilter.contract(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventFilter.all().names("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel.subscribeEvents(null, 0, this::record)).isInstanceOf(NullPointerException.class);
    }

    private void record(ContractEvent event) {
        received.add(event.getBlockNumber() + "/" + event.getTransactionIndex() + "/" + event.getEventIndex() + " "
                + event.getName());
    }

    private static BlockTransaction tx(String... events) {
        Transaction transaction = Transaction.newBuilder()
                .setPayload(ByteString.copyFromUtf8("payload-" + PAYLOADS.incrementAndGet())).build();
        BlockTransaction.Builder recorded = TestBlocks.recorded(SignatureScheme.ECDSA_P256_SHA256.hash(), transaction, ValidationCode.VALID, "",
                new byte[0]).toBuilder();
        for (String event : events) {
            recorded.addEvents(Event.newBuilder().setName(event).setPayload(ByteString.copyFromUtf8(event)));
        }
        return recorded.build();
    }
}
