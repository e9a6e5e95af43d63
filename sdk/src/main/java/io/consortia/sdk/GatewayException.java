package io.consortia.sdk;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Root of every exception the SDK throws. Thrown as is when talking to a node failed
 * before any transaction was involved (a ledger query, an admin call, a closed gateway);
 * {@link #status()} then carries the gRPC status, whose code tells what to do next:
 * {@code UNAVAILABLE} — no node could be reached, retry later or add endpoints;
 * {@code NOT_FOUND} — the block, transaction or channel does not exist (yet);
 * {@code DEADLINE_EXCEEDED} — the node did not answer in time;
 * {@code PERMISSION_DENIED} / {@code UNAUTHENTICATED} — check the identity and TLS credentials.
 *
 * <p>Unchecked, like every SDK exception: most callers cannot recover locally and should
 * not be forced to catch.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public GatewayException(String message) {
        this(message, null, null);
    }

    public GatewayException(String message, Throwable cause) {
        this(message, cause instanceof StatusRuntimeException e ? e.getStatus() : null, cause);
    }

    GatewayException(String message, Status status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** Wraps a failed gRPC call, keeping its status code and description in the message. */
    static GatewayException of(String what, StatusRuntimeException e) {
        return new GatewayException(what + " failed: " + describe(e.getStatus()), e.getStatus(), e);
    }

    /** The gRPC status of the failed call; empty when the failure was not a transport one. */
    public Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    static String describe(Status status) {
        String description = status.getDescription();
        return description == null ? status.getCode().name() : status.getCode() + ": " + description;
    }
}
