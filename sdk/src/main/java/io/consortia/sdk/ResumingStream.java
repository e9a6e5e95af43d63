package io.consortia.sdk;

import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server stream of the ledger service that survives broken connections. Each attempt asks for
 * the stream from the position after the last message delivered; a failed attempt is retried with
 * exponential backoff (100 ms doubling to 5 s, reset by every delivered message) on the gateway's
 * scheduler thread, so no thread ever sleeps. gRPC delivers one message at a time and asks for the
 * next only when the consumer has returned, which gives the consumer back-pressure for free.
 *
 * <p>Errors a retry cannot fix end the subscription instead (see {@link #FINAL}): the caller's
 * error handler is told once, and the subscription is closed.
 *
 * @param <Q> the request, built from the current position for each attempt
 * @param <R> the streamed message
 */
abstract class ResumingStream<Q, R> implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingStream.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * What the node answers when asking again would only be refused again: PERMISSION_DENIED (the
     * caller's organisation is not, or no longer, one of the channel's: it is asked per block, so an
     * open stream ends with it when the organisation is removed; also a call without a TLS client
     * certificate), INVALID_ARGUMENT (the request itself), NOT_FOUND (no such channel on the node)
     * and UNAUTHENTICATED. Retrying them for ever hid the refusal from the caller.
     */
    static final Set<Status.Code> FINAL = EnumSet.of(Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
            Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);

    final String channel;
    private final Consumer<R> consumer;
    private final Consumer<GatewayException> onError;
    private final GatewayContext context;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile ClientCallStreamObserver<Q> call;

    ResumingStream(String channel, Consumer<R> consumer, Consumer<GatewayException> onError,
            GatewayContext context) {
        this.channel = channel;
        this.consumer = consumer;
        this.onError = onError;
        this.context = context;
    }

    /** The request for the next attempt: from the current position. */
    abstract Q request();

    abstract void call(LedgerServiceGrpc.LedgerServiceStub stub, Q request, ClientResponseObserver<Q, R> observer);

    /** False for a message delivered before a resume (a resumed stream may repeat some). */
    abstract boolean isNew(R message);

    /** Moves the position past a message the consumer has taken. */
    abstract void advance(R message);

    /** For logs, e.g. "block 12 of channel main". */
    abstract String describe(R message);

    /** For logs, e.g. "block 13". */
    abstract String position();

    void start() {
        context.register(this);
        open();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            context.unregister(this);
            ClientCallStreamObserver<Q> current = call;
            if (current != null) {
                current.cancel("subscription closed", null);
            }
        }
    }

    private void open() {
        if (closed.get()) {
            return;
        }
        call(LedgerServiceGrpc.newStub(context.endpoints().current())
                .withMaxInboundMessageSize(ConnectionSettings.MAX_INBOUND_MESSAGE_BYTES), request(), new Attempt());
    }

    /** Closes the subscription and tells the caller why, once: the node refused in a way a retry cannot fix. */
    private void end(Status status, Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        context.unregister(this);
        GatewayException error = new GatewayException(getClass().getSimpleName() + " of channel " + channel
                + " ended at " + position() + ": " + GatewayException.describe(status), status, cause);
        LOG.warn("{}; not resuming", error.getMessage());
        try {
            onError.accept(error);
        } catch (RuntimeException e) {
            LOG.error("The error handler of a subscription of channel {} failed", channel, e);
        }
    }

    private void retry(String why) {
        if (closed.get() || context.isClosed()) {
            return;
        }
        Duration delay = backoff;
        backoff = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        LOG.info("{} of channel {} broke ({}); resuming from {} in {} ms",
                getClass().getSimpleName(), channel, why, position(), delay.toMillis());
        try {
            context.scheduler().schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(); // the gateway is closing
        }
    }

    /** One streaming call; a new one is made for each retry. */
    private final class Attempt implements ClientResponseObserver<Q, R> {
        @Override
        public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
            call = requestStream;
            if (closed.get()) {
                requestStream.cancel("subscription closed", null);
            }
        }

        @Override
        public void onNext(R message) {
            if (closed.get() || !isNew(message)) {
                return;
            }
            try {
                consumer.accept(message);
            } catch (RuntimeException e) {
                LOG.error("Consumer failed on {}; closing the subscription", describe(message), e);
                close();
                return;
            }
            advance(message);
            backoff = FIRST_BACKOFF;
        }

        @Override
        public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            if (closed.get() || status.getCode() == Status.Code.CANCELLED && context.isClosed()) {
                return;
            }
            if (FINAL.contains(status.getCode())) {
                end(status, t);
                return;
            }
            if (status.getCode() == Status.Code.UNAVAILABLE) {
                context.endpoints().failover();
            }
            retry(GatewayException.describe(status));
        }

        @Override
        public void onCompleted() {
            retry("the node ended the stream");
        }
    }
}
