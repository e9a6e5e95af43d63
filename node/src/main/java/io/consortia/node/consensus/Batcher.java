package io.consortia.node.consensus;

import io.consortia.common.DaemonThreads;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups admitted transactions of one channel into batches — one Raft entry and one block each —
 * closing a batch on count, bytes or delay, and keeps up to {@code maxInFlight} batches
 * replicating at once so that ordering is pipelined rather than one round trip per block.
 *
 * <p>The hand-off from admission is per request, not per transaction: a request's admitted
 * transactions enter the queue as one list (one lock, one wake-up of the batcher thread), and
 * the batcher takes from a list as many as fit, keeping the rest for the next batch. Order is
 * first come, first served, transaction by transaction, as before.
 *
 * <p>On the Raft leader the batcher also takes the transactions other nodes hand over
 * ({@link #enqueueTracked}): their batches are merged with the leader's own, and each hand-over
 * is answered once every batch holding part of it has been ordered.
 *
 * <p>{@code maxInFlight} limits the batches this node proposes to Raft as leader. A node that
 * does not lead hands its batches over with up to {@value #HAND_OFFS_IN_FLIGHT} in flight
 * instead: the leader's batcher does the group commit, so holding a follower's new transactions
 * back until its previous hand-off is committed only made them miss the leader's next entry —
 * its clients waited one Raft round more than the leader's, and blocks were split between the
 * nodes' turns (issue 21).
 */
final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    /** Hand-offs to the leader a node that does not lead keeps in flight. */
    static final int HAND_OFFS_IN_FLIGHT = 4;
    /** How long a node that does not lead waits for the next transaction of a hand-off; see {@link #collect}. */
    static final long HAND_OFF_QUIET_MICROS = 1_000;
    /** Callers in the leader's previous batch per maxDelayMillis of its wait for company; see {@link #collect}. */
    static final int CALLERS_PER_DELAY_STEP = 16;
    /** The longest the leader waits for company, in maxDelayMillis. */
    static final int MAX_DELAY_STEPS = 6;

    private final String channel;
    private final NodeConfig.Batching config;
    private final Function<TransactionBatch, CompletableFuture<?>> proposer;
    private final BiConsumer<List<String>, Throwable> onFailure;
    private final Function<Transaction, String> idOf;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Semaphore inFlight;
    private final Semaphore handOffs = new Semaphore(HAND_OFFS_IN_FLIGHT);
    private final BooleanSupplier leads;
    /** The request being taken from, and how far (batcher thread only). */
    private Request current = Request.NONE;
    private int taken;
    /** Whether the last batch held more than one transaction (batcher thread only); see {@link #collect}. */
    private boolean lastHadCompany;
    /** Requests (client calls and other nodes' hand-offs) the last batch took from (batcher thread only). */
    private int lastCallers;
    private final Thread thread;
    private volatile boolean running = true;

    /** A batcher that always proposes as the leader (maxInFlight for every batch). */
    Batcher(String channel, NodeConfig.Batching config, Function<TransactionBatch, CompletableFuture<?>> proposer,
            Function<Transaction, String> idOf, BiConsumer<List<String>, Throwable> onFailure) {
        this(channel, config, proposer, idOf, onFailure, () -> true);
    }

    /** @param leads whether this node leads the channel now (its batches then go to its own Raft member) */
    Batcher(String channel, NodeConfig.Batching config, Function<TransactionBatch, CompletableFuture<?>> proposer,
            Function<Transaction, String> idOf, BiConsumer<List<String>, Throwable> onFailure, BooleanSupplier leads) {
        this.leads = leads;
        this.channel = channel;
        this.config = config;
        this.proposer = proposer;
        this.idOf = idOf;
        this.onFailure = onFailure;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.thread = DaemonThreads.start("batcher-" + channel, this::run);
    }

    void enqueue(List<Transaction> transactions) {
        if (transactions.isEmpty()) {
            return;
        }
        queued.addAndGet(transactions.size());
        queue.add(new Request(transactions, null));
    }

    /**
     * Like {@link #enqueue}, and completes once every batch holding one of these transactions has
     * been ordered, or fails with the first batch that could not be.
     */
    CompletableFuture<Void> enqueueTracked(List<Transaction> transactions) {
        if (transactions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Request request = new Request(transactions, new CompletableFuture<>());
        queued.addAndGet(transactions.size());
        queue.add(request);
        return request.done;
    }

    /** Requests the last proposed batch took from (read after its proposal). */
    int lastBatchCallers() {
        return lastCallers;
    }

    /** Admitted transactions not yet in a proposed batch. */
    int queued() {
        return queued.get();
    }

    private void run() {
        while (running) {
            try {
                if (taken == current.size()) {
                    Request next = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                    current = next;
                    taken = 0;
                }
                boolean leading = leads.getAsBoolean();
                Semaphore permits = leading ? inFlight : handOffs;
                permits.acquire();
                List<Request> parts = new ArrayList<>();
                List<Transaction> batch = collect(parts, leading);
                propose(batch, parts, permits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("batcher of channel {} failed; continuing", channel, e);
            }
        }
    }

    /**
     * Takes transactions until the batch is full, or nothing more is queued and the first one has
     * waited maxDelay. A lone caller waits for no company: when the last batch held a single
     * transaction, the batch closes as soon as nothing more is queued. Waiting for company pays
     * only under load (and under load the in-flight limit gathers most of it anyway); for one
     * caller at a time it only added maxDelay to each call, twice when a follower hands its batch
     * to the leader (issue 21).
     *
     * <p>A node that does not lead stops waiting as soon as no transaction has arrived for
     * {@value #HAND_OFF_QUIET_MICROS} µs. The leader's batch is the block, and it closes maxDelay
     * after the leader's previous entry is applied; a follower's clients are answered when the
     * follower has applied that entry too, and their next transactions arrive together. Waiting
     * the full maxDelay for more made them miss the leader's next block, so they waited a whole
     * Raft round more than the leader's own clients (16 clients x 1: p50 28 against 14 ms). Not
     * waiting at all split a busy follower's arrivals into tiny hand-offs that took every
     * hand-off slot, and the rest waited a round for one (256 x 1: 5-22 % fewer tx/s in two
     * runs). Under heavy load a follower's arrivals come closer together than that, and the wait
     * is maxDelay as before (256 x 1 unchanged).
     *
     * <p>The leader waits longer when its previous batch gathered many callers ({@link
     * #leaderDelayMillis}). With one transaction per call, the callers answered by one block send
     * their next transactions while the following block is already replicating, so they wait for
     * the block after; with maxInFlight 1 every caller belongs to one of two alternating cohorts,
     * and 256 callers made blocks of about 105. Waiting until the previous block's callers are
     * back merges the cohorts: blocks of 176-194 instead of 105-107, and 9 % less node CPU per
     * transaction (medians of four runs), because every block costs a Raft round, a log append and
     * fsync and a synced ledger write on every node. A fixed longer wait would slow every lightly
     * loaded call, and waiting for a quiet moment never waits long enough (followers' hand-offs
     * arrive in bursts). Few callers keep maxDelay: 16 callers of one transaction, or 8 callers of
     * 100, gather fewer than 16 requests a batch, so their latency is what it was.
     */
    private List<Transaction> collect(List<Request> parts, boolean leading) throws InterruptedException {
        List<Transaction> batch = new ArrayList<>();
        long bytes = 0;
        long delayMillis = leading ? leaderDelayMillis(config.maxDelayMillis(), lastCallers) : config.maxDelayMillis();
        long deadline = System.nanoTime() + (lastHadCompany ? TimeUnit.MILLISECONDS.toNanos(delayMillis) : 0);
        long quiet = leading ? Long.MAX_VALUE : TimeUnit.MICROSECONDS.toNanos(HAND_OFF_QUIET_MICROS);
        int callers = 1;
        while (true) {
            boolean tracked = current.done != null; // admission's own requests need no answer: no bookkeeping
            if (tracked && taken < current.size() && batch.size() < config.maxTransactions() && bytes < config.maxBytes()) {
                current.addedToBatch();
                parts.add(current);
            }
            while (taken < current.size() && batch.size() < config.maxTransactions() && bytes < config.maxBytes()) {
                Transaction next = current.transactions.get(taken++);
                batch.add(next);
                bytes += next.getSerializedSize();
            }
            if (tracked && taken == current.size()) {
                current.allTaken();
            }
            if (batch.size() >= config.maxTransactions() || bytes >= config.maxBytes()) {
                break;
            }
            Request more = queue.poll();
            if (more == null) {
                long wait = Math.min(deadline - System.nanoTime(), quiet);
                if (wait <= 0) {
                    break;
                }
                more = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (more == null) {
                    break;
                }
            }
            current = more;
            taken = 0;
            callers++;
        }
        queued.addAndGet(-batch.size());
        lastHadCompany = batch.size() > 1;
        lastCallers = callers;
        return batch;
    }

    /**
     * How long the leader's next batch waits for company: maxDelayMillis, and maxDelayMillis more
     * for every {@value #CALLERS_PER_DELAY_STEP} callers its previous batch took from, up to
     * {@value #MAX_DELAY_STEPS} times maxDelayMillis (30 ms with the default 5).
     */
    static long leaderDelayMillis(int maxDelayMillis, int lastCallers) {
        return (long) maxDelayMillis * Math.min(MAX_DELAY_STEPS, 1 + lastCallers / CALLERS_PER_DELAY_STEP);
    }

    private void propose(List<Transaction> transactions, List<Request> parts, Semaphore permits) {
        TransactionBatch batch = TransactionBatch.newBuilder()
                .setChannel(channel)
                .setTimestampMillis(System.currentTimeMillis())
                .addAllTransactions(transactions)
                .build();
        CompletableFuture<?> sent;
        try {
            sent = proposer.apply(batch);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            permits.release();
            parts.forEach(part -> part.batchDone(error));
            if (error != null) {
                List<String> ids = transactions.stream().map(idOf).toList();
                LOG.warn("ordering a batch of {} transactions on channel {} failed: {}",
                        ids.size(), channel, error.toString());
                onFailure.accept(ids, error);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /**
     * One hand-off from admission or from another node; {@code done} is null when nobody waits for
     * it, and only requests with a {@code done} are counted into the batches that hold them.
     */
    private static final class Request {
        static final Request NONE = new Request(List.of(), null);

        final List<Transaction> transactions;
        final CompletableFuture<Void> done;
        private int batchesInFlight;
        private boolean allTaken;

        Request(List<Transaction> transactions, CompletableFuture<Void> done) {
            this.transactions = transactions;
            this.done = done;
        }

        int size() {
            return transactions.size();
        }

        synchronized void addedToBatch() {
            batchesInFlight++;
        }

        synchronized void allTaken() {
            allTaken = true;
            completeIfOrdered();
        }

        synchronized void batchDone(Throwable error) {
            batchesInFlight--;
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                completeIfOrdered();
            }
        }

        private void completeIfOrdered() {
            if (allTaken && batchesInFlight == 0) {
                done.complete(null);
            }
        }
    }
}
