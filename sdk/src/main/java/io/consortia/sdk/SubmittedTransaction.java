package io.consortia.sdk;

/**
 * A transaction a node has admitted and queued for ordering; see
 * {@link Contract#submitAsync}. Lets the caller do other work, then wait for the commit.
 *
 * <pre>{@code
 * SubmittedTransaction pending = contract.submitAsync("record", documentHash);
 * log.info("queued {}", pending.transactionId());
 * SubmitResult result = pending.awaitCommit();
 * }</pre>
 */
public interface SubmittedTransaction {

    /** Hex id of the transaction. */
    String transactionId();

    /**
     * Waits, up to the gateway's commit timeout, until the transaction is in a block.
     *
     * @throws CommitException if it was committed as invalid
     * @throws TransactionException if it did not commit in time or the node could not be asked
     */
    SubmitResult awaitCommit();
}
