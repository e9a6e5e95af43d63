package io.consortia.sdk;

/** A running block subscription; see {@link Channel#subscribeBlocks}. */
public interface Subscription extends AutoCloseable {

    /** Number of the next block the consumer will be given. */
    long nextBlockNumber();

    /** Whether the subscription was closed (by the caller, the gateway, or a failing consumer). */
    boolean isClosed();

    /** Stops delivery. Idempotent; a block being delivered finishes first. */
    @Override
    void close();
}
