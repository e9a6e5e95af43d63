package io.consortia.node.execution;

import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;

/**
 * The stateless verdict on one transaction ({@link TransactionChecks}): its id (hex and raw
 * hash bytes), the code and reason, and, as far as the checks got, the parsed payload and
 * the creator.
 */
record Screened(String id, byte[] idHash, ValidationCode code, String reason, TransactionPayload payload,
        CreatorCheck creator) {

    boolean valid() {
        return code == ValidationCode.VALID;
    }

    /**
     * Whether the creator's signature and certificate checked out, i.e. the creator really
     * sent this payload. Only then does the transaction claim its id (see
     * {@code ChannelLedger.isIndexed}) and count for replay detection.
     */
    boolean authenticated() {
        return code == ValidationCode.VALID || code == ValidationCode.UNKNOWN_CONTRACT
                || code == ValidationCode.UNKNOWN_FUNCTION;
    }

    Screened refuse(ValidationCode newCode, String newReason) {
        return new Screened(id, idHash, newCode, newReason, payload, creator);
    }

    AdmissionResult toAdmission() {
        return new AdmissionResult(id, code, reason, payload);
    }
}
