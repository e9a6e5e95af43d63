package io.consortia.operator.reconcile;

import io.consortia.operator.OperatorException;

/** An object could not be applied now; the reconciliation is retried. */
public class ApplyException extends OperatorException {
    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
