package io.consortia.node.channel;

import io.consortia.common.DaemonThreads;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells whoever waits on a transaction id that it committed, and block listeners that a block
 * committed. Called from the apply thread only; waiters and listeners must not block it.
 */
public final class CommitNotifier {
    /**
     * One timer per waiting request, not per transaction, on one shared daemon thread; cancelled
     * (and removed from the queue) as soon as the request's last transaction is answered.
     */
    private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

    private final Map<String, CompletableFuture<SubmitResponse>> waiters = new ConcurrentHashMap<>();
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

    private static ScheduledThreadPoolExecutor timeouts() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                DaemonThreads.named("commit-timeouts"));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** A future completed when the transaction commits (valid or not) or ordering fails. */
    public CompletableFuture<SubmitResponse> await(String transactionId) {
        return waiters.computeIfAbsent(transactionId, id -> new CompletableFuture<>());
    }

    /**
     * Waiters of one request (from {@link #await(String)}, same order as their ids) not answered
     * within {@code timeout} are answered ACCEPTED with a reason that says so, and forgotten — a
     * waiter for a transaction that never commits must not stay in the map for the node's lifetime.
     */
    public void expireAfter(Duration timeout, List<String> transactionIds, List<CompletableFuture<SubmitResponse>> futures) {
        if (futures.isEmpty()) {
            return;
        }
        ScheduledFuture<?> timer = TIMEOUTS.schedule(() -> expire(transactionIds, futures, timeout),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> timer.cancel(false));
    }

    private void expire(List<String> ids, List<CompletableFuture<SubmitResponse>> futures, Duration timeout) {
        for (int i = 0; i < ids.size(); i++) {
            CompletableFuture<SubmitResponse> f = futures.get(i);
            if (!f.isDone() && waiters.remove(ids.get(i), f)) {
                f.complete(SubmitResponse.newBuilder()
                        .setTransactionId(ids.get(i))
                        .setStatus(TransactionStatus.ACCEPTED)
                        .setCode(ValidationCode.VALIDATION_CODE_UNSPECIFIED)
                        .setReason("not committed within " + timeout.toSeconds() + " s; it may still commit: look it up by id")
                        .build());
            }
        }
    }

    /** Transactions someone waits for. */
    int waiting() {
        return waiters.size();
    }

    /** True when someone on this node already waits for that id (an in-flight duplicate). */
    public boolean isPending(String transactionId) {
        return waiters.containsKey(transactionId);
    }

    public void forget(String transactionId) {
        waiters.remove(transactionId);
    }

    public void blockCommitted(Block block) {
        if (!waiters.isEmpty()) {
            for (BlockTransaction tx : block.getTransactionsList()) {
                CompletableFuture<SubmitResponse> f = waiters.remove(tx.getTransactionId());
                if (f != null) {
                    f.complete(SubmitResponse.newBuilder()
                            .setTransactionId(tx.getTransactionId())
                            .setStatus(TransactionStatus.COMMITTED)
                            .setCode(tx.getCode())
                            .setReason(tx.getReason())
                            .setBlockNumber(block.getHeader().getNumber())
                            .setResult(tx.getResult())
                            .build());
                }
            }
        }
        for (Consumer<Block> listener : listeners) {
            listener.accept(block);
        }
    }

    /** Ordering failed for these ids (e.g. no Raft leader for too long): answer their waiters. */
    public void failed(Collection<String> transactionIds, String reason) {
        for (String id : transactionIds) {
            CompletableFuture<SubmitResponse> f = waiters.remove(id);
            if (f != null) {
                f.complete(SubmitResponse.newBuilder()
                        .setTransactionId(id)
                        .setStatus(TransactionStatus.REJECTED)
                        .setCode(ValidationCode.VALIDATION_CODE_UNSPECIFIED)
                        .setReason(reason)
                        .build());
            }
        }
    }

    public AutoCloseable addListener(Consumer<Block> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
