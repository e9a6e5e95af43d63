package io.consortia.node.execution;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code task(0..count-1)} in chunks on a pool, the calling thread taking chunks too.
 *
 * <p>Why this shape: signature verification is the node's bottleneck (~16k/s per core), so
 * work is spread over the pool in chunks large enough that hand-off costs vanish, with no
 * lock per item. Chunks are claimed from an atomic counter by whoever is free, and the caller
 * waits for chunks, not for helper tasks: if the pool is saturated (or is the caller's own
 * pool) the caller simply does all the work itself, so this can never deadlock. Helpers that
 * start late find nothing left and return.
 */
final class ParallelChunks {
    static final int MIN_CHUNK = 32;

    private ParallelChunks() {}

    /** Each index is processed exactly once; results written by a task are visible to the caller on return. */
    static void run(ExecutorService pool, int count, IntConsumer task) {
        if (count <= 0) {
            return;
        }
        int parallelism = Runtime.getRuntime().availableProcessors();
        int chunkSize = Math.max(MIN_CHUNK, (count + 4 * parallelism - 1) / (4 * parallelism));
        int chunks = (count + chunkSize - 1) / chunkSize;
        if (chunks == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int chunk;
            while ((chunk = next.getAndIncrement()) < chunks) {
                try {
                    int end = Math.min(count, (chunk + 1) * chunkSize);
                    for (int i = chunk * chunkSize; i < end; i++) {
                        task.accept(i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(chunks - 1, parallelism);
        for (int i = 0; i < helpers; i++) {
            try {
                pool.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // pool shut down or full: the caller does the rest
            }
        }
        worker.run();
        awaitUninterruptibly(done);
        Throwable t = failure.get();
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
    }

    /** Results are needed to go on, so an interrupt is remembered and re-asserted rather than abandoning the work. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
