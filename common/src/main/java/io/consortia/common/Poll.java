package io.consortia.common;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks the same question at an interval until it has an answer or a deadline passes: waiting
 * for a process to serve, a deployment to finish, a block to appear. The one place that sleeps
 * between attempts, so callers say what they wait for, not how.
 */
public final class Poll {
    private Poll() {}

    /**
     * Calls {@code attempt} at once and then every {@code interval} until it returns something
     * other than {@code null}, and returns that; empty once {@code timeout} has passed without an
     * answer. An exception thrown by {@code attempt} ends the wait and is thrown to the caller
     * (return {@code null} for "not yet").
     *
     * @throws PollInterruptedException if the thread is interrupted while it waits; the
     *     interrupt flag is set again
     */
    public static <T> Optional<T> until(Duration timeout, Duration interval, Supplier<T> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        if (timeout.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("timeout must be >= 0 and interval > 0, got " + timeout + " and "
                    + interval);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = attempt.get();
            if (answer != null) {
                return Optional.of(answer);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, interval.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PollInterruptedException(e);
            }
        }
    }

    /** The waiting thread was interrupted. */
    public static final class PollInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PollInterruptedException(InterruptedException cause) {
            super("Interrupted while waiting", cause);
        }
    }
}
