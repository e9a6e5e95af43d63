package io.consortia.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returns_the_first_answer_and_stops_asking() {
        AtomicInteger attempts = new AtomicInteger();

        var answer = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(1),
                () -> attempts.incrementAndGet() == 3 ? "third" : null);

        assertThat(answer).contains("third");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void is_empty_once_the_timeout_passes_without_an_answer() {
        AtomicInteger attempts = new AtomicInteger();

        var answer = Poll.until(Duration.ofMillis(50), Duration.ofMillis(5), () -> {
            attempts.incrementAndGet();
            return null;
        });

        assertThat(answer).isEmpty();
        assertThat(attempts.get()).isGreaterThanOrEqualTo(2); // asked at once and once more at the deadline at least
    }

    @Test
    void an_exception_of_the_attempt_ends_the_wait() {
        assertThatThrownBy(() -> Poll.until(Duration.ofSeconds(60), Duration.ofMillis(1), () -> {
            throw new IllegalStateException("exited");
        })).isInstanceOf(IllegalStateException.class).hasMessage("exited");
    }

    @Test
    void an_interrupted_wait_throws_and_keeps_the_interrupt_flag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Poll.until(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> null))
                    .isInstanceOf(Poll.PollInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refuses_a_zero_interval() {
        assertThatThrownBy(() -> Poll.until(Duration.ofSeconds(1), Duration.ZERO, () -> "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
