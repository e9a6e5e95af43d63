package io.consortia.sdk;

import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.StatusRuntimeException;

/** Maps what a node reports about a transaction to a result or to the exception that fits. */
final class Outcomes {
    private Outcomes() {}

    static SubmitResult committed(String id, SubmitResponse response) {
        if (response.getCode() != ValidationCode.VALID) {
            throw new CommitException(id, response.getCode(), response.getReason(), response.getBlockNumber());
        }
        return new SubmitResult(id, response.getBlockNumber(), response.getResult().toByteArray());
    }

    static SubmitResult committed(String id, BlockTransaction transaction, long blockNumber) {
        if (transaction.getCode() != ValidationCode.VALID) {
            throw new CommitException(id, transaction.getCode(), transaction.getReason(), blockNumber);
        }
        return new SubmitResult(id, blockNumber, transaction.getResult().toByteArray());
    }

    static TransactionException unexpected(String id, SubmitResponse response) {
        return new TransactionException("Node answered status " + response.getStatus() + " for transaction " + id
                + "; its outcome is unknown", id);
    }

    /** The transaction may or may not have been recorded: tell the caller how to find out. */
    static TransactionException unknown(String id, String what, StatusRuntimeException e) {
        return new TransactionException(what + " of transaction " + id + " failed: "
                + GatewayException.describe(e.getStatus())
                + "; it may still commit: look it up with Channel.transaction(id) before re-submitting",
                id, e.getStatus(), e);
    }
}
