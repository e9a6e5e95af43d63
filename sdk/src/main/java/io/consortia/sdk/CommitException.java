package io.consortia.sdk;

import io.consortia.protocol.v1.ValidationCode;
import java.util.Objects;

/**
 * The transaction was ordered and recorded in block {@link #blockNumber()}, but marked
 * invalid, so it changed no state. Usually {@code CONTRACT_REJECTED} (the contract refused
 * the arguments — {@link #reason()} has its message), {@code FORBIDDEN},
 * {@code UNKNOWN_CONTRACT} or {@code UNKNOWN_FUNCTION}. Retrying the same call will fail the
 * same way unless the state or the arguments change.
 */
public class CommitException extends TransactionException {
    private static final long serialVersionUID = 1L;

    private final ValidationCode code;
    private final String reason;
    private final long blockNumber;

    public CommitException(String transactionId, ValidationCode code, String reason, long blockNumber) {
        super("Transaction " + transactionId + " committed as invalid in block " + blockNumber + ": " + code
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"), transactionId);
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason == null ? "" : reason;
        this.blockNumber = blockNumber;
    }

    /** Why the transaction is invalid. */
    public ValidationCode code() {
        return code;
    }

    /** The contract's or node's explanation; empty when none was given. */
    public String reason() {
        return reason;
    }

    /** Number of the block that records the invalid transaction. */
    public long blockNumber() {
        return blockNumber;
    }
}
