package io.consortia.sdk;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ProofVerifier} established about a receipt, step by step.
 *
 * @param ok every check made passed (for a block of header version 0 that is inclusion only)
 * @param verdictProven the validation code and result are proven by the block's receipts root;
 *     false for blocks of header version 0, which predate it, and for any failed receipt
 * @param failure why the receipt was refused; null when {@code ok}
 * @param steps each check in order, in words, ending with the failed one
 */
public record ReceiptVerification(boolean ok, boolean verdictProven, String failure, List<String> steps) {
    public ReceiptVerification {
        steps = List.copyOf(steps);
        if (ok == (failure != null)) {
            throw new IllegalArgumentException("a verification has a failure exactly when it is not ok");
        }
    }

    static ReceiptVerification passed(boolean verdictProven, List<String> steps) {
        return new ReceiptVerification(true, verdictProven, null, steps);
    }

    static ReceiptVerification failed(String failure, List<String> steps) {
        return new ReceiptVerification(false, false, failure, steps);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(failure);
    }
}
