package io.consortia.sdk;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call too large for the node's gRPC server: the node (or a proxy in front of it) refuses the whole message with
 * RESOURCE_EXHAUSTED ("gRPC message exceeds maximum size N: M") before reading it, so nothing in it was taken and
 * nothing can commit. A batch so refused is sent again in calls of at most N bytes ({@link Submitter#call}); a
 * transaction that does not fit in a call on its own is an admission refusal ({@code PAYLOAD_TOO_LARGE}), as for a
 * transaction over the node's own transaction limit, not an outcome to look up later.
 */
final class OversizeRefusal {
    private static final Pattern LIMIT = Pattern.compile("exceeds maximum size (\\d+)");

    private OversizeRefusal() {}

    /**
     * The node's message limit that {@code e} reports for a request of {@code requestBytes}, or -1 when {@code e} is
     * something else. Only when the request is larger than the limit the status names is it the request that was
     * refused: the same status for an over-size answer (the client's own limit) means the node did take the
     * transactions, and sending them again would be wrong.
     */
    static long messageLimit(long requestBytes, StatusRuntimeException e) {
        Status status = e.getStatus();
        if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED || status.getDescription() == null) {
            return -1;
        }
        Matcher limit = LIMIT.matcher(status.getDescription());
        if (!limit.find()) {
            return -1;
        }
        long maximum;
        try {
            maximum = Long.parseLong(limit.group(1));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
        return requestBytes > maximum ? maximum : -1;
    }

    /** The answer for a transaction whose call alone, {@code requestBytes}, is more than the node's {@code limit}. */
    static SubmitResponse response(String id, long requestBytes, long limit) {
        return SubmitResponse.newBuilder().setTransactionId(id).setStatus(TransactionStatus.REJECTED)
                .setCode(ValidationCode.PAYLOAD_TOO_LARGE)
                .setReason("transaction is " + requestBytes + " bytes as a call, more than the " + limit
                        + " bytes the node accepts in one gRPC message: it was refused unread (the node's limit on a"
                        + " transaction is lower still, 1048576 bytes by default)")
                .build();
    }
}
