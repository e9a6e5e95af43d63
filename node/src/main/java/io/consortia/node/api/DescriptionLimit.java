package io.consortia.node.api;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Cuts every status description this node sends to {@value #MAX_CHARS} characters. A description
 * travels in a response header (grpc-message), and clients refuse headers beyond their metadata
 * limit (8 KiB by default in grpc-java): an error that echoed a huge input would reach the client
 * as a transport failure instead of the error. The last line of defence; requests with oversized
 * identifiers are refused before anything echoes them (see {@link RequestLimits}).
 */
final class DescriptionLimit implements ServerInterceptor {
    static final int MAX_CHARS = 1024;

    static String bound(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        String cut = " …(" + text.length() + " characters, cut)";
        return text.substring(0, MAX_CHARS - cut.length()) + cut;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                String description = status.getDescription();
                super.close(description == null ? status : status.withDescription(bound(description)), trailers);
            }
        }, headers);
    }
}
