package io.consortia.node.consensus;

import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups admitted transactions of one channel into batches — one Raft entry and one block each —
 * closing a batch on count, bytes or delay, and keeps up to {@code maxInFlight} batches
 * replicating at once so that ordering is pipelined rather than one round trip per block.
 */
final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final String channel;
    private final NodeConfig.Batching config;
    private final Function<TransactionBatch, CompletableFuture<?>> proposer;
    private final BiConsumer<List<String>, Throwable> onFailure;
    private final Function<Transaction, String> idOf;
    private final LinkedBlockingQueue<Transaction> queue = new LinkedBlockingQueue<>();
    private final Semaphore inFlight;
    private final Thread thread;
    private volatile boolean running = true;

    Batcher(String channel, NodeConfig.Batching config, Function<TransactionBatch, CompletableFuture<?>> proposer,
            Function<Transaction, String> idOf, BiConsumer<List<String>, Throwable> onFailure) {
        this.channel = channel;
        this.config = config;
        this.proposer = proposer;
        this.idOf = idOf;
        this.onFailure = onFailure;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.thread = new Thread(this::run, "batcher-" + channel);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void enqueue(List<Transaction> transactions) {
        queue.addAll(transactions);
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        while (running) {
            try {
                Transaction first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                inFlight.acquire();
                List<Transaction> batch = collect(first);
                propose(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("batcher of channel {} failed; continuing", channel, e);
            }
        }
    }

    /** Drains until the batch is full or the first transaction has waited maxDelay. */
    private List<Transaction> collect(Transaction first) throws InterruptedException {
        List<Transaction> batch = new ArrayList<>();
        batch.add(first);
        long bytes = first.getSerializedSize();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxDelayMillis());
        while (batch.size() < config.maxTransactions() && bytes < config.maxBytes()) {
            Transaction next = queue.poll();
            if (next == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            batch.add(next);
            bytes += next.getSerializedSize();
        }
        return batch;
    }

    private void propose(List<Transaction> transactions) {
        TransactionBatch batch = TransactionBatch.newBuilder()
                .setChannel(channel)
                .setTimestampMillis(System.currentTimeMillis())
                .addAllTransactions(transactions)
                .build();
        CompletableFuture<?> sent;
        try {
            sent = proposer.apply(batch);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            inFlight.release();
            if (error != null) {
                List<String> ids = transactions.stream().map(idOf).toList();
                LOG.warn("ordering a batch of {} transactions on channel {} failed: {}",
                        ids.size(), channel, error.toString());
                onFailure.accept(ids, error);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
