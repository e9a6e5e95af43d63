package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelChunksTest {
    private final ExecutorService pool = VerifyPool.create(3);

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    @Test
    void every_index_is_processed_exactly_once() {
        AtomicIntegerArray counts = new AtomicIntegerArray(10_001);

        ParallelChunks.run(pool, counts.length(), counts::incrementAndGet);

        for (int i = 0; i < counts.length(); i++) {
            assertThat(counts.get(i)).as("index %d", i).isEqualTo(1);
        }
    }

    @Test
    void a_shut_down_pool_leaves_all_the_work_to_the_caller() {
        pool.shutdown();
        AtomicIntegerArray counts = new AtomicIntegerArray(500);

        ParallelChunks.run(pool, counts.length(), counts::incrementAndGet);

        assertThat(counts.get(499)).isEqualTo(1);
    }

    @Test
    void a_failing_task_is_rethrown_to_the_caller() {
        assertThatThrownBy(() -> ParallelChunks.run(pool, 1000, i -> {
            if (i == 777) {
                throw new IllegalStateException("bad " + i);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad 777");
    }

    @Test
    void started_work_is_finished_by_join_exactly_once_even_on_a_shut_down_pool() {
        AtomicIntegerArray counts = new AtomicIntegerArray(2_001);
        ParallelChunks.Started started = ParallelChunks.start(pool, counts.length(), counts::incrementAndGet);
        started.join();
        for (int i = 0; i < counts.length(); i++) {
            assertThat(counts.get(i)).as("index %d", i).isEqualTo(1);
        }

        pool.shutdown();
        AtomicIntegerArray alone = new AtomicIntegerArray(300);
        ParallelChunks.start(pool, alone.length(), alone::incrementAndGet).join();
        assertThat(alone.get(299)).isEqualTo(1);
        ParallelChunks.start(pool, 0, i -> { }).join();
    }
}
