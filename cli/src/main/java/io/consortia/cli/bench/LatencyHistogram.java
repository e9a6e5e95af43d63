package io.consortia.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of latencies in microseconds: exact below 256 µs, then 128
 * buckets per power of two (a bucket is at most 0.8 % wide), up to about 2^40 µs. Recording is
 * one atomic add per call, so client threads never contend on a lock; percentiles can be read
 * at any time (the progress line does, every second).
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;           // 128
    private static final int LINEAR = 2 * SUB;              // values 0..255 are exact
    private static final int MAX_SHIFT = 34;
    private static final int BUCKETS = LINEAR + MAX_SHIFT * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** Records {@code n} observations of {@code micros}. */
    void record(long micros, long n) {
        if (n <= 0) {
            return;
        }
        long v = Math.max(0, micros);
        counts.addAndGet(index(v), n);
        total.addAndGet(n);
        sum.addAndGet(v * n);
        max.accumulateAndGet(v, Math::max);
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;                        // >= 1
        if (shift > MAX_SHIFT) {
            return BUCKETS - 1;
        }
        long top = v >>> shift;                            // in [128, 256)
        return LINEAR + (shift - 1) * SUB + (int) (top - SUB);
    }

    /** The largest value that falls into the bucket (what HdrHistogram calls "highest equivalent value"). */
    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long top = (index - LINEAR) % SUB + SUB;
        return ((top + 1) << shift) - 1;
    }

    long count() {
        return total.get();
    }

    long maxMicros() {
        return max.get();
    }

    double meanMicros() {
        long n = total.get();
        return n == 0 ? 0 : (double) sum.get() / n;
    }

    /** The value at quantile {@code q} (0..1), within the bucket width; 0 when empty. */
    long percentileMicros(double q) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }
}
