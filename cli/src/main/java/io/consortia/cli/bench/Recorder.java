package io.consortia.cli.bench;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients saw, for the measurement window only: an answer counts when it arrives
 * inside [start, end). Lock-free: adders, an atomic per-second timeline and atomic HdrHistograms.
 *
 * <ul>
 *   <li>committed — COMMITTED with code VALID; its submit-to-commit latency is recorded</li>
 *   <li>invalid — COMMITTED with another code (in a block, but not executed)</li>
 *   <li>rejected — refused at admission (REJECTED), never replicated</li>
 *   <li>failed — no outcome: the call threw, or the commit did not come within the timeout</li>
 * </ul>
 */
final class Recorder {
    private final long start;
    private final long end;
    final Latencies latency = new Latencies();
    final LongAdder committed = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder warmupCommitted = new LongAdder();
    private final AtomicLongArray perSecond;
    /** Latencies by the node the client sent to: a node whose apply lags shows here. */
    final Latencies[] byNode;
    private final Map<String, LongAdder> byCode = new ConcurrentHashMap<>();
    private volatile String firstProblem;

    /** @param start, end the window, in {@link System#nanoTime()} */
    Recorder(long start, long end, int nodes) {
        this.start = start;
        this.end = end;
        this.byNode = new Latencies[nodes];
        for (int i = 0; i < nodes; i++) {
            byNode[i] = new Latencies();
        }
        this.perSecond = new AtomicLongArray((int) Math.max(1, (end - start + 999_999_999L) / 1_000_000_000L));
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    boolean inWindow(long nanos) {
        return nanos >= start && nanos < end;
    }

    /** A call was sent at {@code submitted} with {@code count} transactions (counted if sent inside the window). */
    void sent(long submitted, int count) {
        if (inWindow(submitted)) {
            sent.add(count);
            calls.increment();
        }
    }

    /**
     * The answers to one call sent to node number {@code node}, received at {@code answered}.
     * Latency counts from {@code intended}, when the call was due: for a fixed rate the schedule's
     * time, so that a call sent late because the client was held up (all its calls outstanding,
     * or its thread not run) counts the wait it would have had (no coordinated omission); for
     * maximum throughput the time it was sent.
     */
    void answered(int node, long intended, long answered, java.util.List<SubmitResponse> responses) {
        boolean counted = inWindow(answered);
        long valid = 0;
        for (SubmitResponse r : responses) {
            if (r.getStatus() == TransactionStatus.COMMITTED && r.getCode() == ValidationCode.VALID) {
                valid++;
            } else if (counted) {
                String kind;
                if (r.getStatus() == TransactionStatus.COMMITTED) {
                    invalid.increment();
                    kind = "invalid " + r.getCode();
                } else if (r.getStatus() == TransactionStatus.REJECTED) {
                    rejected.increment();
                    kind = "rejected " + r.getCode();
                } else {
                    failed.increment();
                    kind = "failed " + r.getStatus();
                }
                byCode.computeIfAbsent(kind, k -> new LongAdder()).increment();
                if (firstProblem == null) {
                    firstProblem = kind + ": " + r.getReason();
                }
            }
        }
        if (!counted) {
            if (answered < start) {
                warmupCommitted.add(valid);
            }
            return;
        }
        committed.add(valid);
        perSecond.addAndGet((int) Math.min(perSecond.length() - 1, (answered - start) / 1_000_000_000L), valid);
        latency.record((answered - intended) / 1_000, valid);
        byNode[node].record((answered - intended) / 1_000, valid);
    }

    /** A call that produced no answers at all. */
    void failed(long answered, int count, Throwable error) {
        if (!inWindow(answered)) {
            return;
        }
        failed.add(count);
        String kind = "failed " + error.getClass().getSimpleName();
        byCode.computeIfAbsent(kind, k -> new LongAdder()).add(count);
        if (firstProblem == null) {
            firstProblem = kind + ": " + error.getMessage();
        }
    }

    long[] timeline() {
        long[] out = new long[perSecond.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = perSecond.get(i);
        }
        return out;
    }

    Map<String, Long> problems() {
        Map<String, Long> out = new TreeMap<>();
        byCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    String firstProblem() {
        return firstProblem;
    }
}
