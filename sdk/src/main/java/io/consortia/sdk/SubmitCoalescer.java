package io.consortia.sdk;

import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitBatchResponse;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Merges the submissions that the threads of one application make on one channel at the same
 * time into shared calls, so that a node answers one call for many transactions instead of one
 * call each.
 *
 * <p>Why (issue 21): a call of one transaction costs both sides far more than a transaction inside
 * a call of many — a new HTTP/2 stream, headers, trailers, a TLS record each way, a thread
 * hand-off on the node — and most applications submit one transaction per call. At most
 * {@code maxCallsInFlight} calls are on their way at once. A submission made while a slot is free
 * is sent at once, alone, so a lone caller never waits for company; submissions made while every
 * slot is taken queue up, and the caller whose call returns first sends everything queued, in
 * arrival order, as its slot's next call. That is group commit, as the node's batcher does it for
 * the leader, without a timer.
 *
 * <p>Each caller gets its own transactions' answers; an error of the shared call (the node
 * unreachable, a deadline) is every merged caller's error, as it would have been for their own
 * calls. An {@link Error} of the shared call is rethrown in the thread that sent it; the other
 * merged callers get a {@link GatewayException} caused by it. The sender of a call is one of the
 * waiting callers' threads: there is no thread of its own to start or stop.
 */
final class SubmitCoalescer {
    private final int maxCallsInFlight;
    private final boolean waitForCommit;
    private final Function<SubmitBatchRequest, SubmitBatchResponse> call;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by this
    private int inFlight; // guarded by this: slots taken, including ones handed to a queued caller

    SubmitCoalescer(int maxCallsInFlight, boolean waitForCommit,
                    Function<SubmitBatchRequest, SubmitBatchResponse> call) {
        if (maxCallsInFlight < 1) {
            throw new IllegalArgumentException("maxCallsInFlight must be at least 1 but was " + maxCallsInFlight);
        }
        this.maxCallsInFlight = maxCallsInFlight;
        this.waitForCommit = waitForCommit;
        this.call = call;
    }

    /**
     * Sends the transactions (at most one batch's worth, {@link Submitter#MAX_BATCH_TRANSACTIONS}
     * and {@link Submitter#MAX_BATCH_BYTES}), alone or with other callers', and returns their
     * answers in order. Throws what the shared call threw.
     */
    List<SubmitResponse> submit(List<Transaction> transactions) {
        Pending mine = new Pending(transactions);
        boolean sender;
        synchronized (this) {
            queue.add(mine);
            sender = inFlight < maxCallsInFlight;
            if (sender) {
                inFlight++;
            }
        }
        boolean interrupted = false;
        while (true) {
            if (sender) {
                sendQueued();
            }
            // A slot handed over must be used (or passed on) even when this caller's own
            // transactions went out meanwhile, else the slot is lost.
            synchronized (this) {
                sender = mine.turn;
                mine.turn = false;
            }
            if (sender) {
                continue;
            }
            if (mine.done) {
                break;
            }
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // the call has a deadline; leaving early would orphan it
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.answers();
    }

    /** Run while holding a slot: sends what is queued, then passes the slot to a queued caller or frees it. */
    private void sendQueued() {
        List<Pending> batch;
        synchronized (this) {
            batch = drain();
        }
        try {
            if (!batch.isEmpty()) {
                send(batch);
            }
        } finally {
            Pending next = null;
            synchronized (this) {
                for (Pending p : queue) {
                    if (!p.turn) {
                        next = p;
                        break;
                    }
                }
                if (next == null) {
                    inFlight--;
                } else {
                    next.turn = true;
                }
            }
            if (next != null) {
                LockSupport.unpark(next.owner);
            }
        }
    }

    /** Submissions waiting for a call (for tests). */
    synchronized int queued() {
        return queue.size();
    }

    /** Call slots taken (for tests). */
    synchronized int callsInFlight() {
        return inFlight;
    }

    /** The queue's head, and whatever follows it that still fits in one call. */
    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        while (!queue.isEmpty()) {
            Pending next = queue.peek();
            if (!batch.isEmpty() && (count + next.transactions.size() > Submitter.MAX_BATCH_TRANSACTIONS
                    || bytes + next.bytes > Submitter.MAX_BATCH_BYTES)) {
                break;
            }
            batch.add(queue.poll());
            count += next.transactions.size();
            bytes += next.bytes;
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        SubmitBatchRequest.Builder request = SubmitBatchRequest.newBuilder().setWaitForCommit(waitForCommit);
        batch.forEach(p -> request.addAllTransactions(p.transactions));
        try {
            SubmitBatchResponse answer = call.apply(request.build());
            if (answer.getResponsesCount() != request.getTransactionsCount()) {
                throw new GatewayException("Node answered " + answer.getResponsesCount()
                        + " responses for a batch of " + request.getTransactionsCount() + " transactions");
            }
            int from = 0;
            for (Pending p : batch) {
                int to = from + p.transactions.size();
                p.complete(answer.getResponsesList().subList(from, to), null);
                from = to;
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.complete(null, e));
        } catch (Error e) {
            // The sending thread rethrows the Error itself; the callers merged into its call
            // must not stay parked for an answer that will never come.
            GatewayException failed = new GatewayException(
                    "The shared submit call failed in another thread of this application: " + e, e);
            batch.forEach(p -> p.complete(null, failed));
            throw e;
        }
    }

    /** One caller's submission, waiting in the queue or in a call. */
    private static final class Pending {
        final List<Transaction> transactions;
        final long bytes;
        final Thread owner = Thread.currentThread();
        boolean turn; // guarded by the coalescer: a call slot was handed to this caller
        volatile boolean done;
        private List<SubmitResponse> answers;
        private RuntimeException error;

        Pending(List<Transaction> transactions) {
            this.transactions = transactions;
            long size = 0;
            for (Transaction t : transactions) {
                size += t.getSerializedSize() + 8L;
            }
            this.bytes = size;
        }

        void complete(List<SubmitResponse> answers, RuntimeException error) {
            this.answers = answers == null ? null : List.copyOf(answers);
            this.error = error;
            this.done = true; // publishes answers and error
            LockSupport.unpark(owner);
        }

        List<SubmitResponse> answers() {
            if (error != null) {
                throw error;
            }
            return answers;
        }
    }
}
