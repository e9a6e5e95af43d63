package io.consortia.node.execution;

import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;

/**
 * What admission decided about one transaction. {@code payload} is the parsed payload, or
 * null when it could not be parsed; {@code reason} is empty when valid.
 */
public record AdmissionResult(String transactionId, ValidationCode code, String reason, TransactionPayload payload) {

    public boolean valid() {
        return code == ValidationCode.VALID;
    }
}
