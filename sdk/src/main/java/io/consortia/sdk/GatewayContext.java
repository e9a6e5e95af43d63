package io.consortia.sdk;

import io.consortia.common.DaemonThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every channel, contract and subscription of one gateway shares: the connections, the
 * identity, the timeouts, and one daemon thread that schedules subscription retries.
 */
final class GatewayContext implements AutoCloseable {
    private final Endpoints endpoints;
    private final Identity identity;
    private final Duration requestTimeout;
    private final Duration commitTimeout;
    private final int submitCallsInFlight;
    private final TransactionSigner signer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("consortia-sdk-retry"));
    private final Set<AutoCloseable> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * By channel and wait mode, so that every {@link Channel} object of one name (the gateway
     * hands out a new one each time) merges into the same calls, and one channel's trouble on a
     * node never fails another channel's transactions.
     */
    private final java.util.Map<String, SubmitCoalescer> committing = new ConcurrentHashMap<>();
    private final java.util.Map<String, SubmitCoalescer> accepting = new ConcurrentHashMap<>();
    /**
     * The smallest message a node of this gateway refused as too large (RESOURCE_EXHAUSTED): a node or a proxy in
     * front of it may accept less than the SDK's batches, so later batches are cut to fit before they are sent.
     */
    private final java.util.concurrent.atomic.AtomicLong messageLimit = new java.util.concurrent.atomic.AtomicLong(
            Long.MAX_VALUE);

    GatewayContext(Endpoints endpoints, Identity identity, Duration requestTimeout, Duration commitTimeout,
            boolean certificateIds, int submitCallsInFlight) {
        this.submitCallsInFlight = submitCallsInFlight;
        this.endpoints = endpoints;
        this.identity = identity;
        this.requestTimeout = requestTimeout;
        this.commitTimeout = commitTimeout;
        this.signer = new TransactionSigner(identity, certificateIds);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    Identity identity() {
        return identity;
    }

    TransactionSigner signer() {
        return signer;
    }

    long requestTimeoutMillis() {
        return requestTimeout.toMillis();
    }

    /** Where submissions on {@code channel} are sent (merged with other threads' submissions). */
    SubmitCoalescer coalescer(String channel, boolean waitForCommit) {
        return (waitForCommit ? committing : accepting).computeIfAbsent(channel,
                k -> new SubmitCoalescer(submitCallsInFlight, waitForCommit, batch -> Submitter.call(this, batch,
                        waitForCommit ? commitTimeoutMillis() : requestTimeoutMillis())));
    }

    /** See {@link #messageLimit}; {@code Long.MAX_VALUE} until a node refused a message for its size. */
    long messageLimit() {
        return messageLimit.get();
    }

    void learnMessageLimit(long bytes) {
        messageLimit.accumulateAndGet(bytes, Math::min);
    }

    long commitTimeoutMillis() {
        return commitTimeout.toMillis();
    }

    Duration commitTimeout() {
        return commitTimeout;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    boolean isClosed() {
        return closed.get();
    }

    void register(AutoCloseable subscription) {
        subscriptions.add(subscription);
    }

    void unregister(AutoCloseable subscription) {
        subscriptions.remove(subscription);
    }

    void requireOpen() {
        if (closed.get()) {
            throw new GatewayException("The gateway is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // closing a subscription only cancels a call; nothing to report
            }
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoints.close();
    }
}
