package io.consortia.sdk;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
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
 * A block stream that survives broken connections. Each attempt streams from the block after
 * the last one delivered; a failed attempt is retried with exponential backoff (100 ms
 * doubling to 5 s, reset by every delivered block) on the gateway's scheduler thread, so no
 * thread ever sleeps. gRPC delivers one message at a time and asks for the next only when the
 * consumer has returned, which gives the consumer back-pressure for free.
 */
final class BlockSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSubscription.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String channel;
    private final Consumer<Block> consumer;
    private final GatewayContext context;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long nextNumber;
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile ClientCallStreamObserver<StreamBlocksRequest> call;

    BlockSubscription(String channel, long fromNumber, Consumer<Block> consumer, GatewayContext context) {
        this.channel = channel;
        this.nextNumber = fromNumber;
        this.consumer = consumer;
        this.context = context;
    }

    void start() {
        context.register(this);
        open();
    }

    @Override
    public long nextBlockNumber() {
        return nextNumber;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            context.unregister(this);
            ClientCallStreamObserver<StreamBlocksRequest> current = call;
            if (current != null) {
                current.cancel("subscription closed", null);
            }
        }
    }

    private void open() {
        if (closed.get()) {
            return;
        }
        StreamBlocksRequest request = StreamBlocksRequest.newBuilder()
                .setChannel(channel)
                .setFromNumber(nextNumber)
                .build();
        LedgerServiceGrpc.newStub(context.endpoints().current())
                .withMaxInboundMessageSize(ConnectionSettings.MAX_INBOUND_MESSAGE_BYTES)
                .streamBlocks(request, new Attempt());
    }

    private void retry(String why) {
        if (closed.get() || context.isClosed()) {
            return;
        }
        Duration delay = backoff;
        backoff = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        LOG.info("Block stream of channel {} broke ({}); resuming from block {} in {} ms",
                channel, why, nextNumber, delay.toMillis());
        try {
            context.scheduler().schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(); // the gateway is closing
        }
    }

    /** One streaming call; a new one is made for each retry. */
    private final class Attempt implements ClientResponseObserver<StreamBlocksRequest, Block> {
        @Override
        public void beforeStart(ClientCallStreamObserver<StreamBlocksRequest> requestStream) {
            call = requestStream;
            if (closed.get()) {
                requestStream.cancel("subscription closed", null);
            }
        }

        @Override
        public void onNext(Block block) {
            long number = block.getHeader().getNumber();
            if (closed.get() || number < nextNumber) {
                return; // already delivered before a resume
            }
            try {
                consumer.accept(block);
            } catch (RuntimeException e) {
                LOG.error("Block consumer failed on block {} of channel {}; closing the subscription",
                        number, channel, e);
                close();
                return;
            }
            nextNumber = number + 1;
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
