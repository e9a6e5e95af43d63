package io.consortia.sdk;

import io.consortia.protocol.v1.ValidationCode;
import java.util.Objects;

/**
 * The node refused the transaction at admission: it was not ordered and nothing was
 * recorded on the ledger. {@link #code()} says why — for example {@code BAD_SIGNATURE},
 * {@code UNKNOWN_ORGANIZATION}, {@code TIMESTAMP_OUT_OF_WINDOW} (check the client's clock) or
 * {@code PAYLOAD_TOO_LARGE}. Fix the cause and submit a new transaction.
 *
 * <p>Never {@code DUPLICATE_TRANSACTION_ID}: that answer means a node already has this very
 * transaction — the SDK re-sent it after failing over from a node that had handed it on before
 * it died, or the application submitted the same signed transaction again — so it was not
 * refused. The submit waits for that transaction's outcome instead and returns it
 * ({@link SubmitResult}, {@link CommitException}, or {@link TransactionException} if it cannot
 * tell within the commit timeout).
 */
public class SubmitException extends TransactionException {
    private static final long serialVersionUID = 1L;

    private final ValidationCode code;
    private final String reason;

    public SubmitException(String transactionId, ValidationCode code, String reason) {
        super("Transaction " + transactionId + " was refused at admission: " + code
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"), transactionId);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason == null ? "" : reason;
    }

    /** Why the node refused the transaction. */
    public ValidationCode code() {
        return code;
    }

    /** The node's human-readable explanation; empty when it gave none. */
    public String reason() {
        return reason;
    }
}
