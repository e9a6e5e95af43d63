package io.consortia.sdk;

import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
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
 * @param <Q> the request, built from the current position for each attempt
 * @param <R> the streamed message
 */
abstract class ResumingStream<Q, R> implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingStream.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    final String channel;
    private final Consumer<R> consumer;
    private final GatewayContext context;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile ClientCallStreamObserver<Q> call;

    ResumingStream(String channel, Consumer<R> consumer, GatewayContext context) {
        this.channel = channel;
        this.consumer = consumer;
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
