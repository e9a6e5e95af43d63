package io.consortia.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.AtomicHistogram;

/**
 * Submit-to-commit latencies in microseconds, in an HdrHistogram with three significant digits
 * (a value is within 0.1 %) up to an hour. An {@link AtomicHistogram}: clients record from many
 * threads without a lock, and the progress line reads percentiles while they do (a reading
 * taken during recording may be a few values behind, never wrong by more).
 */
final class Latencies {
    private static final long HIGHEST = 3_600_000_000L; // an hour; slower answers count as an hour

    private final AtomicHistogram histogram = new AtomicHistogram(HIGHEST, 3);
    /** Exact, where the histogram's own maximum is its bucket's upper end. */
    private final AtomicLong max = new AtomicLong();

    /** Records {@code n} observations of {@code micros}. */
    void record(long micros, long n) {
        if (n > 0) {
            long value = Math.min(HIGHEST, Math.max(0, micros));
            histogram.recordValueWithCount(value, n);
            max.accumulateAndGet(value, Math::max);
        }
    }

    long count() {
        return histogram.getTotalCount();
    }

    long maxMicros() {
        return max.get();
    }

    double meanMicros() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean();
    }

    /** How many observations were {@code micros} or more (within the histogram's precision). */
    long countAtLeast(long micros) {
        return histogram.getCountBetweenValues(Math.min(HIGHEST, Math.max(0, micros)), HIGHEST);
    }

    /** The value at quantile {@code q} (0..1), at most the largest recorded; 0 when empty. */
    long percentileMicros(double q) {
        if (histogram.getTotalCount() == 0) {
            return 0;
        }
        return Math.min(histogram.getValueAtPercentile(q * 100), max.get());
    }
}
