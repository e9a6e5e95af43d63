package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private final List<TransactionBatch> proposed = new CopyOnWriteArrayList<>();

    private Batcher batcher(int maxTransactions, int maxBytes, int maxDelayMillis) {
        return new Batcher("main", new NodeConfig.Batching(maxTransactions, maxBytes, maxDelayMillis, 4), batch -> {
            proposed.add(batch);
            return CompletableFuture.completedFuture(null);
        }, tx -> tx.getPayload().toStringUtf8(), (ids, error) -> { });
    }

    private static List<Transaction> transactions(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Transaction.newBuilder()
                .setPayload(ByteString.copyFromUtf8("tx" + i)).setSignature(ByteString.copyFromUtf8("s")).build())
                .toList();
    }

    private List<Transaction> proposedTransactions() {
        List<Transaction> all = new ArrayList<>();
        proposed.forEach(b -> all.addAll(b.getTransactionsList()));
        return all;
    }

    @Test
    void requestsLargerThanABatchAreSplitInOrder() {
        try (Batcher batcher = batcher(100, 4 << 20, 5)) {
            batcher.enqueue(transactions(0, 250));
            batcher.enqueue(transactions(250, 300));
            await().atMost(Duration.ofSeconds(10)).until(() -> proposedTransactions().size() == 300);
            assertThat(proposedTransactions()).containsExactlyElementsOf(transactions(0, 300));
            assertThat(proposed).allSatisfy(b -> assertThat(b.getTransactionsCount()).isBetween(1, 100));
            assertThat(proposed.get(0).getTransactionsCount()).isEqualTo(100);
            assertThat(batcher.queued()).isZero();
        }
    }

    @Test
    void smallRequestsArrivingWithinTheDelayShareABatchUnderLoad() {
        try (Batcher batcher = batcher(2000, 4 << 20, 1000)) {
            batcher.enqueue(transactions(100, 102)); // a batch with company: the next ones wait for more
            await().atMost(Duration.ofSeconds(10)).until(() -> proposed.size() == 1);
            for (int i = 0; i < 10; i++) {
                batcher.enqueue(transactions(i * 10, i * 10 + 10));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> proposedTransactions().size() == 102);
            assertThat(proposed).hasSize(2);
            assertThat(proposed.get(1).getTransactionsList()).containsExactlyElementsOf(transactions(0, 100));
        }
    }

    @Test
    void aBatchClosesAtMaxBytes() {
        int size = transactions(0, 1).get(0).getSerializedSize();
        try (Batcher batcher = batcher(2000, 10 * size, 1000)) {
            batcher.enqueue(transactions(0, 35));
            await().atMost(Duration.ofSeconds(10)).until(() -> proposedTransactions().size() == 35);
            assertThat(proposed.get(0).getTransactionsCount()).isEqualTo(10);
            assertThat(proposedTransactions()).containsExactlyElementsOf(transactions(0, 35));
        }
    }

    @Test
    void emptyRequestsAreIgnored() {
        try (Batcher batcher = batcher(100, 4 << 20, 5)) {
            batcher.enqueue(List.of());
            batcher.enqueue(transactions(0, 3));
            await().atMost(Duration.ofSeconds(10)).until(() -> proposedTransactions().size() == 3);
            assertThat(batcher.queued()).isZero();
        }
    }

    /** A batcher whose proposals complete only when the test says so, in the order proposed. */
    private final List<CompletableFuture<Object>> replies = new CopyOnWriteArrayList<>();

    private Batcher heldBatcher(int maxTransactions, int maxInFlight) {
        return heldBatcher(maxTransactions, maxInFlight, 5);
    }

    private Batcher heldBatcher(int maxTransactions, int maxInFlight, int maxDelayMillis) {
        return new Batcher("main", new NodeConfig.Batching(maxTransactions, 4 << 20, maxDelayMillis, maxInFlight), batch -> {
            proposed.add(batch);
            CompletableFuture<Object> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }, tx -> tx.getPayload().toStringUtf8(), (ids, error) -> { });
    }

    @Test
    void aHandedOverRequestIsAnsweredWhenEveryBatchHoldingItIsOrdered() {
        try (Batcher batcher = heldBatcher(100, 4)) {
            CompletableFuture<Void> handedOver = batcher.enqueueTracked(transactions(0, 150));
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 2);
            assertThat(proposed.get(0).getTransactionsCount()).isEqualTo(100);

            replies.get(0).complete("ordered");
            assertThat(handedOver).as("half of it is still replicating").isNotDone();
            replies.get(1).complete("ordered");
            await().atMost(Duration.ofSeconds(10)).until(handedOver::isDone);
            assertThat(handedOver).isCompleted();
        }
    }

    @Test
    void handedOverRequestsAreMergedWithOthersWhileAnEntryReplicates() {
        try (Batcher batcher = heldBatcher(2000, 1)) {
            CompletableFuture<Void> first = batcher.enqueueTracked(transactions(0, 10));
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 1);
            CompletableFuture<Void> second = batcher.enqueueTracked(transactions(10, 20));
            batcher.enqueue(transactions(20, 30));
            CompletableFuture<Void> third = batcher.enqueueTracked(transactions(30, 40));

            replies.get(0).complete("ordered");
            await().atMost(Duration.ofSeconds(10)).until(first::isDone);
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 2);
            assertThat(proposed.get(1).getTransactionsList()).as("one entry for the three that waited")
                    .containsExactlyElementsOf(transactions(10, 40));
            assertThat(second).isNotDone();
            replies.get(1).complete("ordered");
            await().atMost(Duration.ofSeconds(10)).until(() -> second.isDone() && third.isDone());
        }
    }

    @Test
    void aLoneCallWaitsForNoCompanyAndCallsArrivingWhileAnEntryReplicatesLeaveTogether() {
        // a delay no test would sit out: the lone call must not wait for it
        try (Batcher batcher = heldBatcher(2000, 1, 600_000)) {
            batcher.enqueue(transactions(0, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == 1);
            assertThat(proposed.get(0).getTransactionsList()).containsExactlyElementsOf(transactions(0, 1));
            replies.get(0).complete("ordered");

            batcher.enqueue(transactions(1, 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == 2);
            assertThat(proposed.get(1).getTransactionsList()).as("the next lone call neither")
                    .containsExactlyElementsOf(transactions(1, 2));

            for (int i = 2; i < 50; i++) {
                batcher.enqueue(transactions(i, i + 1));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> batcher.queued() == 48);
            replies.get(1).complete("ordered");
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == 3);
            assertThat(proposed.get(2).getTransactionsList()).as("one entry for the 48 calls that waited")
                    .containsExactlyElementsOf(transactions(2, 50));
        }
    }

    @Test
    void aNodeThatDoesNotLeadHandsOverNewTransactionsWhileItsEarlierHandOffIsOrdered() {
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (Batcher batcher = new Batcher("main", new NodeConfig.Batching(2000, 4 << 20, 5, 1), batch -> {
            proposed.add(batch);
            CompletableFuture<Object> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }, tx -> tx.getPayload().toStringUtf8(), (ids, error) -> { }, leads::get)) {
            for (int i = 0; i < Batcher.HAND_OFFS_IN_FLIGHT; i++) {
                batcher.enqueue(transactions(i, i + 1));
                int handedOver = i + 1;
                await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == handedOver);
            }
            assertThat(proposedTransactions()).as("none waited for an earlier hand-off to be ordered")
                    .containsExactlyElementsOf(transactions(0, Batcher.HAND_OFFS_IN_FLIGHT));

            batcher.enqueue(transactions(100, 101));
            replies.get(0).complete("ordered");
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == Batcher.HAND_OFFS_IN_FLIGHT + 1);

            // once it leads, maxInFlight (1) holds again: nothing is proposed while an entry replicates
            leads.set(true);
            replies.forEach(r -> r.complete("ordered"));
            batcher.enqueue(transactions(200, 201));
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == Batcher.HAND_OFFS_IN_FLIGHT + 2);
            batcher.enqueue(transactions(300, 302));
            await().atMost(Duration.ofSeconds(30)).until(() -> batcher.queued() == 2);
            assertThat(replies).hasSize(Batcher.HAND_OFFS_IN_FLIGHT + 2);
            replies.get(Batcher.HAND_OFFS_IN_FLIGHT + 1).complete("ordered");
            await().atMost(Duration.ofSeconds(30)).until(() -> replies.size() == Batcher.HAND_OFFS_IN_FLIGHT + 3);
            assertThat(proposed.get(Batcher.HAND_OFFS_IN_FLIGHT + 2).getTransactionsList())
                    .containsExactlyElementsOf(transactions(300, 302));
        }
    }

    @Test
    void aNodeThatDoesNotLeadHandsOverOnceNothingMoreArrivesNotAfterMaxDelay() {
        // a delay no test would sit out: only the leader may wait for it
        try (Batcher batcher = new Batcher("main", new NodeConfig.Batching(2000, 4 << 20, 600_000, 1), batch -> {
            proposed.add(batch);
            return CompletableFuture.completedFuture(null);
        }, tx -> tx.getPayload().toStringUtf8(), (ids, error) -> { }, () -> false)) {
            batcher.enqueue(transactions(0, 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> proposed.size() == 1);
            assertThat(proposed.get(0).getTransactionsList()).containsExactlyElementsOf(transactions(0, 2));

            // after a hand-off with company the leader would wait maxDelay for more; a follower stops once nothing arrives
            batcher.enqueue(transactions(2, 3));
            await().atMost(Duration.ofSeconds(30)).until(() -> proposed.size() == 2);
            assertThat(proposed.get(1).getTransactionsList()).containsExactlyElementsOf(transactions(2, 3));
        }
    }

    @Test
    void theLeaderWaitsMaxDelayMoreForEverySixteenCallersOfItsLastBatchUpToSixTimes() {
        assertThat(Batcher.leaderDelayMillis(5, 1)).isEqualTo(5);
        assertThat(Batcher.leaderDelayMillis(5, 15)).as("fewer than 16 callers keep maxDelay").isEqualTo(5);
        assertThat(Batcher.leaderDelayMillis(5, 16)).isEqualTo(10);
        assertThat(Batcher.leaderDelayMillis(5, 47)).isEqualTo(15);
        assertThat(Batcher.leaderDelayMillis(5, 80)).isEqualTo(30);
        assertThat(Batcher.leaderDelayMillis(5, 100_000)).isEqualTo(30);
        assertThat(Batcher.leaderDelayMillis(2, 100_000)).isEqualTo(12);
    }

    @Test
    void aBatchCountsEveryCallAndHandOffItTookFromAsOneCaller() {
        try (Batcher batcher = heldBatcher(2000, 1)) {
            batcher.enqueue(transactions(0, 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 1);
            assertThat(batcher.lastBatchCallers()).isEqualTo(1);
            for (int i = 0; i < 20; i++) {
                batcher.enqueue(transactions(10 + i, 11 + i)); // a client's call of one
            }
            CompletableFuture<Void> handOff = batcher.enqueueTracked(transactions(100, 150)); // another node's 50
            await().atMost(Duration.ofSeconds(10)).until(() -> batcher.queued() == 70);

            replies.get(0).complete("ordered");
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 2);
            assertThat(proposed.get(1).getTransactionsCount()).isEqualTo(70);
            assertThat(batcher.lastBatchCallers()).isEqualTo(21);
            replies.get(1).complete("ordered");
            await().atMost(Duration.ofSeconds(10)).until(handOff::isDone);
        }
    }

    @Test
    void aHandedOverRequestFailsWithItsBatch() {
        try (Batcher batcher = heldBatcher(100, 4)) {
            CompletableFuture<Void> handedOver = batcher.enqueueTracked(transactions(0, 5));
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 1);
            replies.get(0).completeExceptionally(new IllegalStateException("no quorum"));
            await().atMost(Duration.ofSeconds(10)).until(handedOver::isDone);
            assertThat(handedOver).isCompletedExceptionally();
        }
    }
}
