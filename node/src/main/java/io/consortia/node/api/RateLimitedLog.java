package io.consortia.node.api;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that anyone on the network can trigger at will: logged at most once per
 * {@link #PERIOD_NANOS}, with how many were left out since the last line.
 */
final class RateLimitedLog {
    static final long PERIOD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final java.util.function.LongSupplier nanoClock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log) {
        this(log, System::nanoTime);
    }

    RateLimitedLog(Logger log, java.util.function.LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    void warn(String format, Object... arguments) {
        long now = nanoClock.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed < 0 || !nextAllowed.compareAndSet(allowed, now + PERIOD_NANOS)) {
            suppressed.incrementAndGet();
            return;
        }
        long left = suppressed.getAndSet(0);
        if (left > 0) {
            log.warn(format + " ({} more like it in the last 10 s were not logged)", append(arguments, left));
        } else {
            log.warn(format, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
