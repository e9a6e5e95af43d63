package io.consortia.node.execution;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "verify-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
