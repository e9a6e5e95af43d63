package io.consortia.node.execution;

import io.consortia.common.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates the pool that {@link TransactionAdmission} and {@link BlockExecutor} verify
 * signatures on. The caller owns the pool: one per node is enough (share it across
 * channels), and shut it down when the node stops. Both classes also run work on the
 * calling thread, so a small or busy pool slows them down but never blocks them.
 */
public final class VerifyPool {
    private VerifyPool() {}

    /** A fixed pool of daemon threads named {@code verify-N}; {@code threads <= 0} means one per core. */
    public static ExecutorService create(int threads) {
        int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return Executors.newFixedThreadPool(size, DaemonThreads.numbered("verify"));
    }
}
