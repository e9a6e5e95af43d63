package io.consortia.sdk;

import io.consortia.protocol.v1.ValidationCode;
import java.util.Objects;

/**
 * The node refused the transaction at admission: it was not ordered and nothing was
 * recorded on the ledger. {@link #code()} says why — for example {@code BAD_SIGNATURE},
 * {@code UNKNOWN_ORGANIZATION}, {@code TIMESTAMP_OUT_OF_WINDOW} (check the client's clock),
 * {@code PAYLOAD_TOO_LARGE} or {@code DUPLICATE_TRANSACTION_ID}. Fix the cause and submit a
 * new transaction.
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
