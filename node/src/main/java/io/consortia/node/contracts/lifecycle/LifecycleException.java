package io.consortia.node.contracts.lifecycle;

import io.consortia.node.contracts.ContractException;
import io.consortia.protocol.v1.ValidationCode;

/**
 * A lifecycle step refused with its own validation code (LIFECYCLE_*, INVALID_MODULE) rather than
 * CONTRACT_REJECTED, so clients can tell "approve first" from "fix the module" without parsing text.
 */
public final class LifecycleException extends ContractException {
    private final ValidationCode code;

    public LifecycleException(ValidationCode code, String message) {
        super(message);
        this.code = code;
    }

    public ValidationCode code() {
        return code;
    }
}
