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
    void smallRequestsArrivingWithinTheDelayShareABatch() {
        try (Batcher batcher = batcher(2000, 4 << 20, 1000)) {
            for (int i = 0; i < 10; i++) {
                batcher.enqueue(transactions(i * 10, i * 10 + 10));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> proposedTransactions().size() == 100);
            assertThat(proposed).hasSize(1);
            assertThat(proposedTransactions()).containsExactlyElementsOf(transactions(0, 100));
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
}
