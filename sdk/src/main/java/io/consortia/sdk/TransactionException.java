package io.consortia.sdk;

import io.grpc.Status;
import java.util.Objects;

/**
 * A failure concerning one transaction, which is known by its id. Thrown as is when the
 * outcome is unknown — the connection failed or the commit timeout passed after the
 * transaction was sent, or it was admitted already (a failover re-send answered
 * {@code DUPLICATE_TRANSACTION_ID}) and its commit was not seen in time: it may still commit,
 * so look it up later with {@link Channel#transaction(String)}. Never sign and submit a new
 * transaction for the same operation before knowing: it could be applied twice. Submitting the
 * same signed transaction again is safe — it is never recorded twice, and the submit answers
 * the first submission's outcome.
 *
 * <p>The subclasses say what is certain: {@link SubmitException} (refused, nothing was
 * recorded) and {@link CommitException} (recorded in a block, but invalid).
 */
public class TransactionException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final String transactionId;

    public TransactionException(String message, String transactionId) {
        this(message, transactionId, null, null);
    }

    public TransactionException(String message, String transactionId, Throwable cause) {
        super(message, cause);
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    }

    TransactionException(String message, String transactionId, Status status, Throwable cause) {
        super(message, status, cause);
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    }

    /** Hex id of the transaction: hex(H(payload)). */
    public String transactionId() {
        return transactionId;
    }
}
