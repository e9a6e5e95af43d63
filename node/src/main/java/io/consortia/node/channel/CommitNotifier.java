package io.consortia.node.channel;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever waits on a transaction id that it committed, and block listeners that a block
 * committed. Called from the apply thread only; waiters and listeners must not block it.
 */
public final class CommitNotifier {
    private final Map<String, CompletableFuture<SubmitResponse>> waiters = new ConcurrentHashMap<>();
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

    /** A future completed when the transaction commits (valid or not) or ordering fails. */
    public CompletableFuture<SubmitResponse> await(String transactionId) {
        return waiters.computeIfAbsent(transactionId, id -> new CompletableFuture<>());
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
