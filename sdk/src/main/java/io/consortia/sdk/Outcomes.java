package io.consortia.sdk;

import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
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

    /**
     * Whether a node refused the transaction only because it already has it: a failover re-send
     * of a transaction the first node had handed on before it failed, or the same signed
     * transaction submitted again. Its outcome is the original submission's, not a refusal.
     */
    static boolean alreadySubmitted(SubmitResponse response) {
        return response.getStatus() == TransactionStatus.REJECTED
                && response.getCode() == ValidationCode.DUPLICATE_TRANSACTION_ID;
    }

    /** What {@link Channel#submitAll} answers for a transaction found in a block. */
    static SubmitResponse response(String id, BlockTransaction transaction, long blockNumber) {
        return SubmitResponse.newBuilder().setTransactionId(id).setStatus(TransactionStatus.COMMITTED)
                .setCode(transaction.getCode()).setReason(transaction.getReason()).setBlockNumber(blockNumber)
                .setResult(transaction.getResult()).build();
    }

    /**
     * What {@link Channel#submitAll} answers for a transaction admitted earlier whose commit was not
     * seen, coded as a node codes ACCEPTED: VALID when admitted without waiting, unspecified when a
     * wait for its commit ran out (it has no verdict yet).
     */
    static SubmitResponse admittedEarlier(String id, boolean waitedForCommit) {
        return SubmitResponse.newBuilder().setTransactionId(id).setStatus(TransactionStatus.ACCEPTED)
                .setCode(waitedForCommit ? ValidationCode.VALIDATION_CODE_UNSPECIFIED : ValidationCode.VALID)
                .setReason("transaction " + id + " was already submitted"
                        + (waitedForCommit ? "; its commit was not seen in time: look it up with Channel.transaction(id)"
                                : " and admitted"))
                .build();
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
