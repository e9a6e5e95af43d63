package io.consortia.node.execution;

import io.consortia.node.NodeException;
import io.consortia.protocol.v1.ValidationCode;

/**
 * A read-only evaluation was refused: {@link #code()} says why in the same terms as a
 * committed transaction's validation code (e.g. BAD_SIGNATURE, FORBIDDEN for a function that
 * writes and must be submitted instead, CONTRACT_REJECTED with the contract's message).
 */
public class EvaluationException extends NodeException {
    private final ValidationCode code;
    private final String reason;

    public EvaluationException(ValidationCode code, String reason) {
        super(code + ": " + reason);
        this.code = code;
        this.reason = reason;
    }

    public ValidationCode code() {
        return code;
    }

    /** The reason alone, without the code. */
    public String reason() {
        return reason;
    }
}
