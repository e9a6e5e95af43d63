package io.consortia.cli.bench;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.sdk.Channel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated application, sending calls of {@code perCall} transactions with
 * {@code submitAll(batch, waitForCommit=true)} (one round trip, answered when all are committed)
 * and recording the answers.
 *
 * <ul>
 *   <li>Without a rate (throughput mode) it is a closed loop: the next call is built and sent as
 *       soon as the previous one is answered, so C clients keep C calls in flight.</li>
 *   <li>With a rate it is an open loop: calls start on a fixed schedule whether or not earlier
 *       ones were answered (up to {@value #MAX_OUTSTANDING} outstanding per client, each waiting on
 *       a thread of {@code senders}), so a slow answer does not lower the offered load. If the
 *       cap is reached the client waits, and the sent rate in the report falls below the target;
 *       latency then counts from when each call was due, not from when it could be sent
 *       (coordinated omission would otherwise hide the wait).</li>
 * </ul>
 */
final class BenchClient implements Runnable {
    static final int MAX_OUTSTANDING = 64;

    private final Channel channel;
    private final Workload.Client source;
    private final Recorder recorder;
    private final int node;
    private final int perCall;
    private final long intervalNanos;   // 0 = closed loop
    private final long firstSendNanos;
    private final long stopNanos;
    private final ExecutorService senders;
    private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);

    BenchClient(Channel channel, Workload.Client source, Recorder recorder, int node, int perCall, long intervalNanos,
            long firstSendNanos, long stopNanos, ExecutorService senders) {
        this.channel = channel;
        this.source = source;
        this.recorder = recorder;
        this.node = node;
        this.perCall = perCall;
        this.intervalNanos = intervalNanos;
        this.firstSendNanos = firstSendNanos;
        this.stopNanos = stopNanos;
        this.senders = senders;
    }

    @Override
    public void run() {
        if (intervalNanos == 0) {
            closedLoop();
        } else {
            try {
                openLoop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closedLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Transaction> txs = next();
            long submitted = System.nanoTime();
            if (submitted >= stopNanos) {
                return;
            }
            if (!send(txs, submitted, submitted)) {
                LockSupport.parkNanos(100_000_000L); // a node that is down must not turn this into a busy loop
            }
        }
    }

    private void openLoop() throws InterruptedException {
        long nextSend = firstSendNanos;
        while (!Thread.currentThread().isInterrupted()) {
            long wait = nextSend - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long intended = nextSend;
            nextSend += intervalNanos;
            List<Transaction> txs = next();
            outstanding.acquire();
            long submitted = System.nanoTime();
            if (submitted >= stopNanos) {
                outstanding.release();
                return;
            }
            try {
                senders.execute(() -> {
                    try {
                        send(txs, submitted, intended);
                    } finally {
                        outstanding.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                outstanding.release();
                return;
            }
        }
    }

    private List<Transaction> next() {
        synchronized (source) {
            return source.next(perCall);
        }
    }

    /**
     * Sends one call and records its answers, their latency from {@code intended}; false if it
     * failed as a whole.
     */
    private boolean send(List<Transaction> txs, long submitted, long intended) {
        recorder.sent(submitted, txs.size());
        try {
            List<SubmitResponse> responses = channel.submitAll(txs, true);
            recorder.answered(node, intended, System.nanoTime(), responses);
            synchronized (source) {
                source.completed(txs, responses);
            }
            return true;
        } catch (RuntimeException e) {
            recorder.failed(System.nanoTime(), txs.size(), e);
            return false;
        }
    }
}
