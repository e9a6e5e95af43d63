package io.consortia.node.contracts.wasm;

import io.consortia.wasm.ContractHost.LogLevel;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes contracts' {@code consortia.log} lines to the node's log at the level the contract asked for, but at most
 * {@link #BURST} lines at once and {@link #PER_SECOND} a second per channel and contract (a token bucket), so that a
 * contract cannot flood the node's log: any member may call it as often as it likes, and each call may log
 * thousands of lines. The lines a contract loses are counted and reported in one line when it may log again.
 *
 * <p>Logging is a side effect of this node only, outside consensus: nothing here reaches the contract, the state or
 * the block, so what one node writes or suppresses (it depends on its clock and its log level) changes no result.
 * The message is built (escaped) only when the line will be written.
 */
final class ContractLog {
    static final int BURST = 10;
    static final int PER_SECOND = 5;
    private static final long NANOS_PER_TOKEN = 1_000_000_000L / PER_SECOND;

    /** Where lines go: the node's logger, or a test's list. */
    interface Sink {
        boolean enabled(LogLevel level);

        void write(LogLevel level, String line);
    }

    static final ContractLog NODE = new ContractLog(new Slf4jSink(LoggerFactory.getLogger("io.consortia.contracts")),
            System::nanoTime);

    private final Sink sink;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ContractLog(Sink sink, LongSupplier nanoClock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    void log(String channel, String contract, String transactionId, LogLevel level, Supplier<String> message) {
        if (!sink.enabled(level)) {
            return; // nothing built, nothing counted
        }
        String key = channel + "/" + contract;
        long suppressedBefore;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(nanoClock.getAsLong()));
        synchronized (bucket) {
            if (!bucket.take(nanoClock.getAsLong())) {
                bucket.suppressed++;
                return;
            }
            suppressedBefore = bucket.suppressed;
            bucket.suppressed = 0;
        }
        if (suppressedBefore > 0) {
            sink.write(LogLevel.WARN, suppressedBefore + " contract log lines of " + contract + " on channel " + channel
                    + " suppressed (more than " + PER_SECOND + " a second)");
        }
        sink.write(level, "contract " + contract + " on channel " + channel + " (tx " + transactionId + "): "
                + message.get());
    }

    /** Tokens of one channel and contract; guarded by itself. */
    private static final class Bucket {
        private long tokens = BURST;
        private long refilledAt;
        private long suppressed;

        Bucket(long now) {
            this.refilledAt = now;
        }

        boolean take(long now) {
            long earned = (now - refilledAt) / NANOS_PER_TOKEN;
            if (earned > 0) {
                tokens = Math.min(BURST, tokens + earned);
                refilledAt += earned * NANOS_PER_TOKEN;
            }
            if (tokens == 0) {
                return false;
            }
            tokens--;
            return true;
        }
    }

    private record Slf4jSink(Logger logger) implements Sink {
        @Override
        public boolean enabled(LogLevel level) {
            return switch (level) {
                case DEBUG -> logger.isDebugEnabled();
                case INFO -> logger.isInfoEnabled();
                case WARN -> logger.isWarnEnabled();
                case ERROR -> logger.isErrorEnabled();
            };
        }

        @Override
        public void write(LogLevel level, String line) {
            switch (level) {
                case DEBUG -> logger.debug("{}", line);
                case INFO -> logger.info("{}", line);
                case WARN -> logger.warn("{}", line);
                case ERROR -> logger.error("{}", line);
            }
        }
    }
}
