package io.consortia.cli.bench;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.sdk.Channel;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated application: a thread that builds and signs its next transactions, sends them
 * in one call ({@code submitAll(batch, waitForCommit=true)}: one round trip, answered when all
 * are committed) and records the answers. Without a rate it sends the next call as soon as the
 * previous one is answered (closed loop: throughput mode); with a rate it starts calls on a fixed
 * schedule and, when late, sends at once (the lateness shows as a sent rate below the target).
 */
final class BenchClient implements Runnable {
    private final Channel channel;
    private final Workload.Client source;
    private final Recorder recorder;
    private final int node;
    private final int perCall;
    private final long intervalNanos;   // 0 = closed loop
    private final long firstSendNanos;
    private final long stopNanos;

    BenchClient(Channel channel, Workload.Client source, Recorder recorder, int node, int perCall, long intervalNanos,
            long firstSendNanos, long stopNanos) {
        this.channel = channel;
        this.source = source;
        this.recorder = recorder;
        this.node = node;
        this.perCall = perCall;
        this.intervalNanos = intervalNanos;
        this.firstSendNanos = firstSendNanos;
        this.stopNanos = stopNanos;
    }

    @Override
    public void run() {
        long nextSend = firstSendNanos;
        while (!Thread.currentThread().isInterrupted()) {
            if (intervalNanos > 0) {
                long wait = nextSend - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                nextSend += intervalNanos;
            }
            List<Transaction> txs = source.next(perCall);
            long submitted = System.nanoTime();
            if (submitted >= stopNanos) {
                return;
            }
            recorder.sent(submitted, txs.size());
            try {
                List<SubmitResponse> responses = channel.submitAll(txs, true);
                recorder.answered(node, submitted, System.nanoTime(), responses);
                source.completed(txs, responses);
            } catch (RuntimeException e) {
                recorder.failed(System.nanoTime(), txs.size(), e);
                LockSupport.parkNanos(100_000_000L); // a node that is down must not turn this into a busy loop
            }
        }
    }
}
