package io.consortia.node.consensus;

import io.consortia.common.DaemonThreads;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.ratis.server.DivisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders a batch through whoever leads its channel now: the leader proposes it to its own Raft
 * member; any other node hands it to the leader ({@link LeaderHandOff}). When that fails — the
 * leader changed (hand-offs to the old one are abandoned at once), refused, was unreachable or
 * did not answer within the hand-off deadline — the batch goes again to whoever leads then,
 * until it is ordered or {@code budget} has passed.
 *
 * <p>Ordering again is safe: a failed hand-off may have been committed all the same, but a
 * transaction already ordered is left out of any later block (see BlockExecutor). Before each
 * new attempt the transactions this node has already seen committed are left out of the batch,
 * so that a batch whose first attempt succeeded unseen is usually not ordered again at all.
 */
final class BatchRouter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRouter.class);

    private final String self;
    private final RaftNode raft;
    private final LeaderHandOff handOff;
    private final Duration budget;
    private final Duration localDeadline;
    private final long retryMillis;
    private final BiFunction<ChannelRuntime, Transaction, String> idOf;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("batch-router"));

    /**
     * @param localDeadline how long this node, as leader, waits for its own proposal (it may have
     *                      lost the leadership without noticing yet)
     * @param retryMillis   wait before an attempt that follows a failure with no leader change
     */
    BatchRouter(String self, RaftNode raft, LeaderHandOff handOff, Duration budget, Duration localDeadline,
                long retryMillis, BiFunction<ChannelRuntime, Transaction, String> idOf) {
        this.self = self;
        this.raft = raft;
        this.handOff = handOff;
        this.budget = budget;
        this.localDeadline = localDeadline;
        this.retryMillis = retryMillis;
        this.idOf = idOf;
    }

    /** Completes once the batch (or what of it was not committed yet) is committed by Raft. */
    CompletableFuture<Void> order(ChannelRuntime runtime, TransactionBatch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(runtime, batch, System.nanoTime() + budget.toNanos(), done, 1);
        return done;
    }

    /** Abandons hand-offs to a former leader of the channel; their batches go to the new one at once. */
    void leaderChanged(String channel, String newLeaderId) {
        retries.execute(() -> handOff.leaderChanged(channel, newLeaderId)); // never on Ratis' thread
    }

    private void attempt(ChannelRuntime runtime, TransactionBatch batch, long giveUpAt, CompletableFuture<Void> done,
                         int attempt) {
        Optional<Peer> leader = leader(runtime);
        CompletableFuture<?> sent;
        String target = leader.map(Peer::getNodeId).orElse(null);
        if (leader.isEmpty()) {
            sent = CompletableFuture.failedFuture(new ChannelException("channel " + runtime.name() + " has no leader"));
        } else if (target.equals(self)) {
            sent = raft.proposeLocally(runtime.name(), batch.toByteArray())
                    .orTimeout(localDeadline.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            sent = handOff.order(target, leader.get().getApiAddress(), batch);
        }
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
                return;
            }
            if (System.nanoTime() - giveUpAt > 0) {
                done.completeExceptionally(error);
                return;
            }
            String now = leader(runtime).map(Peer::getNodeId).orElse(null);
            boolean moved = now != null && !now.equals(target);
            LOG.info("channel {}: ordering a batch of {} through {} failed (attempt {}: {}); {}", runtime.name(),
                    batch.getTransactionsCount(), target, attempt, error.toString(),
                    moved ? "going to the new leader " + now : "trying again");
            Runnable next = () -> {
                try {
                    TransactionBatch rest = withoutCommitted(runtime, batch);
                    if (rest.getTransactionsCount() == 0) {
                        done.complete(null); // it was ordered after all
                    } else {
                        attempt(runtime, rest, giveUpAt, done, attempt + 1);
                    }
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            };
            try {
                retries.schedule(next, moved ? 0 : retryMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                done.completeExceptionally(error);
            }
        });
    }

    private Optional<Peer> leader(ChannelRuntime runtime) {
        return raft.info(runtime.name()).map(DivisionInfo::getLeaderId)
                .flatMap(id -> runtime.config().getPeersList().stream()
                        .filter(p -> p.getNodeId().equals(id.toString())).findFirst());
    }

    /** The batch without the transactions already in this node's ledger (committed since it was sent). */
    private TransactionBatch withoutCommitted(ChannelRuntime runtime, TransactionBatch batch) {
        TransactionBatch.Builder rest = batch.toBuilder().clearTransactions();
        for (Transaction tx : batch.getTransactionsList()) {
            if (!runtime.ledger().containsTransaction(idOf.apply(runtime, tx))) {
                rest.addTransactions(tx);
            }
        }
        return rest.getTransactionsCount() == batch.getTransactionsCount() ? batch : rest.build();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
