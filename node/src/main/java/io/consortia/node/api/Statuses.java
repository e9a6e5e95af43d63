package io.consortia.node.api;

import io.consortia.node.NodeException;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.consensus.InvalidChannelConfigException;
import io.consortia.node.consensus.UnknownChannelException;
import io.consortia.node.execution.EvaluationException;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the node's exceptions to gRPC statuses whose description tells the caller what went wrong. */
final class Statuses {
    private static final Logger LOG = LoggerFactory.getLogger(Statuses.class);

    private Statuses() {}

    static StatusRuntimeException of(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof UnknownChannelException) {
            return Status.NOT_FOUND.withDescription(t.getMessage()).asRuntimeException();
        }
        if (t instanceof InvalidChannelConfigException) {
            return Status.INVALID_ARGUMENT.withDescription(t.getMessage()).asRuntimeException();
        }
        if (t instanceof EvaluationException e) {
            if (e.missing()) {
                // the contract's own words ("asset a1 does not exist"), as for an unknown channel
                return Status.NOT_FOUND.withDescription(e.reason()).asRuntimeException();
            }
            return forCode(e.code(), e.reason()); // its message already starts with the code
        }
        if (t instanceof ChannelException) {
            return Status.FAILED_PRECONDITION.withDescription(t.getMessage()).asRuntimeException();
        }
        if (t instanceof NodeException) {
            return Status.UNAVAILABLE.withDescription(t.getMessage()).asRuntimeException();
        }
        LOG.error("unexpected failure serving a request", t);
        return Status.INTERNAL.withDescription("internal error: " + t).asRuntimeException();
    }

    static StatusRuntimeException forCode(ValidationCode code, String reason) {
        Status status = switch (code) {
            case UNKNOWN_CHANNEL, UNKNOWN_CONTRACT, UNKNOWN_FUNCTION -> Status.NOT_FOUND;
            case FORBIDDEN, UNKNOWN_ORGANIZATION, BAD_CERTIFICATE, BAD_SIGNATURE -> Status.PERMISSION_DENIED;
            case CONTRACT_REJECTED, UNKNOWN_CERTIFICATE -> Status.FAILED_PRECONDITION;
            default -> Status.INVALID_ARGUMENT;
        };
        return status.withDescription(code.name() + ": " + reason).asRuntimeException();
    }

    static StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
