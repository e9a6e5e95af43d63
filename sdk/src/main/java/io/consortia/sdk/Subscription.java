package io.consortia.sdk;

/** A running block or event subscription; see {@link Channel#subscribeBlocks} and {@link Channel#subscribeEvents}. */
public interface Subscription extends AutoCloseable {

    /**
     * For blocks: number of the next block the consumer will be given. For events: the block a
     * resumed stream starts from (that of the last event delivered, or the first block asked for).
     */
    long nextBlockNumber();

    /**
     * Whether the subscription was closed: by the caller, the gateway, a failing consumer, or a
     * refusal of the node that resuming cannot change (PERMISSION_DENIED, NOT_FOUND, ...).
     */
    boolean isClosed();

    /** Stops delivery. Idempotent; a block being delivered finishes first. */
    @Override
    void close();
}
