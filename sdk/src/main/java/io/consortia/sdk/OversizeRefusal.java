package io.consortia.sdk;

import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transaction too large for the node's gRPC server: the node refuses the whole message with
 * RESOURCE_EXHAUSTED ("gRPC message exceeds maximum size N: M") before reading it, so it was never
 * taken and cannot commit. That is an admission refusal ({@code PAYLOAD_TOO_LARGE}), as for a
 * transaction over the node's own transaction limit, not an outcome to look up later.
 */
final class OversizeRefusal {
    private static final Pattern LIMIT = Pattern.compile("exceeds maximum size (\\d+)");

    private OversizeRefusal() {}

    /**
     * The refusal {@code e} stands for, or null when it is something else. Only when the
     * transaction itself is larger than the limit the status names is it the request that was
     * refused: the same status for an over-size answer (the client's own limit) means the node
     * did take the transaction.
     */
    static SubmitException of(String id, Transaction transaction, StatusRuntimeException e) {
        Status status = e.getStatus();
        if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED || status.getDescription() == null) {
            return null;
        }
        Matcher limit = LIMIT.matcher(status.getDescription());
        if (!limit.find()) {
            return null;
        }
        long maximum;
        try {
            maximum = Long.parseLong(limit.group(1));
        } catch (NumberFormatException notANumber) {
            return null;
        }
        int size = transaction.getSerializedSize();
        if (size <= maximum) {
            return null;
        }
        SubmitException refused = new SubmitException(id, ValidationCode.PAYLOAD_TOO_LARGE, "transaction is " + size
                + " bytes, more than the " + maximum + " bytes the node accepts in one gRPC message: it was refused"
                + " unread (the node's limit on a transaction is lower still, 1048576 bytes by default)");
        refused.addSuppressed(e); // what gRPC said, for a stack trace
        return refused;
    }
}
