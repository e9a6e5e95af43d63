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
        int chunkSize = chunkSize(count, parallelism);
        if ((count + chunkSize - 1) / chunkSize == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        Started started = new Started(count, chunkSize, task);
        started.offer(pool, Math.min(started.chunks - 1, parallelism));
        started.join();
    }

    /**
     * Starts {@code task(0..count-1)} on the pool and returns at once; {@link Started#join} later
     * takes whatever chunks no pool thread has started yet, then waits for the rest. Used to
     * verify the signatures of a block before it is applied (see {@code BlockExecutor.screen}).
     */
    static Started start(ExecutorService pool, int count, IntConsumer task) {
        int parallelism = Runtime.getRuntime().availableProcessors();
        Started started = new Started(Math.max(0, count), chunkSize(Math.max(1, count), parallelism), task);
        started.offer(pool, Math.min(started.chunks, parallelism));
        return started;
    }

    private static int chunkSize(int count, int parallelism) {
        return Math.max(MIN_CHUNK, (count + 4 * parallelism - 1) / (4 * parallelism));
    }

    /** Work claimed chunk by chunk from an atomic counter by pool threads and by whoever joins. */
    static final class Started {
        private final int count;
        private final int chunkSize;
        private final int chunks;
        private final IntConsumer task;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Started(int count, int chunkSize, IntConsumer task) {
            this.count = count;
            this.chunkSize = chunkSize;
            this.chunks = (count + chunkSize - 1) / chunkSize;
            this.task = task;
            this.done = new CountDownLatch(chunks);
        }

        private void offer(ExecutorService pool, int helpers) {
            for (int i = 0; i < helpers; i++) {
                try {
                    pool.execute(this::work);
                } catch (RejectedExecutionException e) {
                    break; // pool shut down or full: join() does the rest
                }
            }
        }

        private void work() {
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
        }

        /** Takes the chunks not started yet, waits for those in progress, and rethrows a task's failure. */
        void join() {
            work();
            awaitUninterruptibly(done);
            Throwable t = failure.get();
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
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
