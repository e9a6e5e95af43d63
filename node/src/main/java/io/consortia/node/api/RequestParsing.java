package io.consortia.node.api;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses requests inside the call instead of inside gRPC. gRPC parses a request before the
 * service sees it, and a request that does not parse escapes as an exception: the caller gets
 * UNKNOWN ("Application error processing RPC") and gRPC logs a SEVERE stack trace per request,
 * so anyone could fill the log. Here such a request is answered INVALID_ARGUMENT with what was
 * wrong, and logged as one line, at most one line per ten seconds for all of them (see {@link RateLimitedLog}).
 */
final class RequestParsing {
    private static final Logger LOG = LoggerFactory.getLogger(RequestParsing.class);

    /** Hands the request stream through untouched; {@link Refusing} parses it. */
    private static final MethodDescriptor.Marshaller<InputStream> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream;
        }
    };

    private RequestParsing() {}

    /** A log for refusals, one per server. */
    static RateLimitedLog refusalLog() {
        return new RateLimitedLog(LOG);
    }

    /** The same service, whose methods take the request bytes and parse them themselves. */
    static ServerServiceDefinition wrap(ServerServiceDefinition service, RateLimitedLog refusals) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        java.util.List<ServerMethodDefinition<InputStream, ?>> methods = new java.util.ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<InputStream, ?> wrapped = wrap(method, refusals);
            descriptor.addMethod(wrapped.getMethodDescriptor());
            methods.add(wrapped);
        }
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<InputStream, R> wrap(ServerMethodDefinition<Q, R> definition,
                                                                      RateLimitedLog refusals) {
        MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
        MethodDescriptor<InputStream, R> raw = method.toBuilder(RAW, method.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> next = definition.getServerCallHandler();
        return ServerMethodDefinition.create(raw, (call, headers) -> {
            Typed<Q, R> typed = new Typed<>(call, method);
            return new Refusing<>(call, method, next.startCall(typed, headers), refusals);
        });
    }

    /** Parses each message; the first that does not parse closes the call, and nothing more reaches the service. */
    private static final class Refusing<Q, R> extends ServerCall.Listener<InputStream> {
        private final ServerCall<InputStream, R> call;
        private final MethodDescriptor<Q, R> method;
        private final ServerCall.Listener<Q> delegate;
        private final RateLimitedLog refusals;
        private boolean refused;

        Refusing(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> method, ServerCall.Listener<Q> delegate,
                 RateLimitedLog refusals) {
            this.call = call;
            this.method = method;
            this.delegate = delegate;
            this.refusals = refusals;
        }

        @Override
        public void onMessage(InputStream message) {
            if (refused) {
                return;
            }
            Q request;
            try {
                request = method.parseRequest(message);
            } catch (RuntimeException e) {
                refused = true;
                String what = "the request is not a valid " + method.getBareMethodName() + " request message ("
                        + reason(e) + ")";
                SocketAddress from = call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                refusals.warn("refused an unparsable request to {} from {}: {}", method.getFullMethodName(), from,
                        reason(e));
                call.close(Status.INVALID_ARGUMENT.withDescription(what), new Metadata());
                return;
            }
            delegate.onMessage(request);
        }

        private static String reason(RuntimeException e) {
            Status status = Status.fromThrowable(e);
            String text = status.getDescription() != null ? status.getDescription() : e.getClass().getSimpleName();
            Throwable cause = status.getCause() != null ? status.getCause() : e.getCause();
            return cause != null && cause.getMessage() != null ? text + ": " + cause.getMessage() : text;
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                delegate.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            delegate.onCancel();
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public void onReady() {
            if (!refused) {
                delegate.onReady();
            }
        }
    }

    /** The call as the service expects it: typed requests, everything else passed through. */
    private static final class Typed<Q, R> extends ServerCall<Q, R> {
        private final ServerCall<InputStream, R> call;
        private final MethodDescriptor<Q, R> method;

        Typed(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> method) {
            this.call = call;
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
            call.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            call.sendHeaders(headers);
        }

        @Override
        public void sendMessage(R message) {
            call.sendMessage(message);
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            call.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return call.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            call.setOnReadyThreshold(numBytes);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }
    }
}
