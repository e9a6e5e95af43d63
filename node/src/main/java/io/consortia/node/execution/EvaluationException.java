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
    private final boolean missing;

    public EvaluationException(ValidationCode code, String reason) {
        this(code, reason, false);
    }

    private EvaluationException(ValidationCode code, String reason, boolean missing) {
        super(code + ": " + reason);
        this.code = code;
        this.reason = reason;
        this.missing = missing;
    }

    /**
     * The contract found no record under the id it was read with: CONTRACT_REJECTED, as a block
     * would record it, but answered NOT_FOUND rather than as a refused request.
     */
    public static EvaluationException missing(String reason) {
        return new EvaluationException(ValidationCode.CONTRACT_REJECTED, reason, true);
    }

    /** Whether the read found no record (see {@link #missing(String)}). */
    public boolean missing() {
        return missing;
    }

    public ValidationCode code() {
        return code;
    }

    /** The reason alone, without the code. */
    public String reason() {
        return reason;
    }
}
