package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockSubscriptionTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    private FakeNode node;
    private Gateway gateway;
    private Channel channel;
    private final List<Long> received = new CopyOnWriteArrayList<>();
    private final List<GatewayException> errors = new CopyOnWriteArrayList<>();

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
    void a_subscription_receives_past_blocks_then_new_ones_in_order() {
        node.ledger.append(List.of());
        try (Subscription subscription = channel.subscribeBlocks(0, this::record)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);

            node.ledger.append(List.of());

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertThat(received).containsExactly(0L, 1L, 2L);
            assertThat(subscription.nextBlockNumber()).isEqualTo(3);
        }
    }

    @Test
    void a_subscription_resumes_after_a_stream_error_from_the_block_after_the_last_seen() {
        try (Subscription subscription = channel.subscribeBlocks(0, this::record, errors::add)) {
            node.ledger.append(List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);

            node.ledger.breakLiveStreams();
            node.ledger.append(List.of()); // committed while no stream is open
            await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveStreams() == 1);
            node.ledger.append(List.of());

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
            assertThat(received).containsExactly(0L, 1L, 2L, 3L);
            assertThat(node.ledger.streamRequests).extracting(StreamBlocksRequest::getFromNumber)
                    .containsExactly(0L, 2L);
            assertThat(subscription.isClosed()).isFalse();
            assertThat(errors).as("UNAVAILABLE is resumed, not reported").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"PERMISSION_DENIED", "UNAUTHENTICATED", "INVALID_ARGUMENT",
            "NOT_FOUND"})
    void a_refusal_that_resuming_cannot_change_ends_the_subscription_and_reaches_the_handler_once(Status.Code code) {
        Subscription subscription = channel.subscribeBlocks(0, this::record, errors::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1 && node.ledger.liveStreams() == 1);

        // as the node does for an organisation removed from the channel: the open stream ends, a new one is refused
        Status refusal = Status.fromCode(code).withDescription("channel main is readable by its organisations only");
        node.ledger.refuseStreams(refusal);
        node.ledger.breakLiveStreams(refusal);

        await().atMost(Duration.ofSeconds(5)).until(subscription::isClosed);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.status()).map(Status::getCode).contains(code);
            assertThat(e.getMessage()).contains("channel main is readable by its organisations only")
                    .contains("block 1");
        });
        assertThat(node.ledger.streamRequests).as("not resumed").hasSize(1);
        node.ledger.append(List.of());
        assertThat(received).containsExactly(0L);
        assertThat(subscription.nextBlockNumber()).isEqualTo(1);
    }

    @Test
    void a_subscription_refused_when_it_opens_ends_at_once() {
        node.ledger.refuseStreams(Status.PERMISSION_DENIED.withDescription("not a member"));

        Subscription subscription = channel.subscribeBlocks(0, this::record, errors::add);

        await().atMost(Duration.ofSeconds(5)).until(subscription::isClosed);
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e.status()).map(Status::getCode).contains(Status.Code.PERMISSION_DENIED));
        assertThat(node.ledger.streamRequests).hasSize(1);
        assertThat(received).isEmpty();
    }

    @Test
    void closing_a_subscription_cancels_its_stream() {
        Subscription subscription = channel.subscribeBlocks(0, this::record);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveStreams() == 1);

        subscription.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveStreams() == 0);
        assertThat(subscription.isClosed()).isTrue();
    }

    @Test
    void a_failing_consumer_closes_its_subscription() {
        Subscription subscription = channel.subscribeBlocks(0, block -> {
            throw new IllegalStateException("consumer bug");
        });

        await().atMost(Duration.ofSeconds(5)).until(subscription::isClosed);
        assertThat(subscription.nextBlockNumber()).isZero();
    }

    @Test
    void closing_the_gateway_closes_its_subscriptions() {
        Subscription subscription = channel.subscribeBlocks(0, this::record);

        gateway.close();

        assertThat(subscription.isClosed()).isTrue();
    }

    private void record(Block block) {
        received.add(block.getHeader().getNumber());
    }
}
