package io.consortia.sdk;

import java.util.function.Supplier;

final class PendingTransaction implements SubmittedTransaction {
    private final String transactionId;
    private final Supplier<SubmitResult> commit;

    PendingTransaction(String transactionId, Supplier<SubmitResult> commit) {
        this.transactionId = transactionId;
        this.commit = commit;
    }

    @Override
    public String transactionId() {
        return transactionId;
    }

    @Override
    public SubmitResult awaitCommit() {
        return commit.get();
    }

    @Override
    public String toString() {
        return "SubmittedTransaction[" + transactionId + "]";
    }
}
