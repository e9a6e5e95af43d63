package io.consortia.sdk;

import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.Consumer;

/**
 * A filtered contract-event stream that survives broken connections. Events carry their place
 * (block, transaction index, event index); a resumed attempt starts at the block of the last event
 * delivered and skips the events up to and including it, so each event is delivered once, in order.
 */
final class EventSubscription extends ResumingStream<StreamEventsRequest, ContractEvent> {
    private final EventFilter filter;
    /** Where to resume: the block of the last delivered event, or the first block asked for. */
    private volatile long resumeBlock;
    /**
     * The last delivered event's (transaction index, event index) in resumeBlock; -1: none there yet.
     * Both fields are only written from the one stream callback running at a time.
     */
    private volatile long lastInBlock = -1;

    EventSubscription(String channel, EventFilter filter, long fromBlock, Consumer<ContractEvent> consumer,
            Consumer<GatewayException> onError, GatewayContext context) {
        super(channel, consumer, onError, context);
        this.filter = filter;
        this.resumeBlock = fromBlock;
    }

    /** The block a resumed stream starts from: that of the last delivered event (its later events are still due). */
    @Override
    public long nextBlockNumber() {
        return resumeBlock;
    }

    @Override
    StreamEventsRequest request() {
        return StreamEventsRequest.newBuilder().setChannel(channel).setFromBlock(resumeBlock)
                .setContract(filter.contract()).addAllEventNames(filter.eventNames()).build();
    }

    @Override
    void call(LedgerServiceGrpc.LedgerServiceStub stub, StreamEventsRequest request,
            ClientResponseObserver<StreamEventsRequest, ContractEvent> observer) {
        stub.streamEvents(request, observer);
    }

    @Override
    boolean isNew(ContractEvent event) {
        return event.getBlockNumber() > resumeBlock
                || event.getBlockNumber() == resumeBlock && place(event) > lastInBlock;
    }

    @Override
    void advance(ContractEvent event) {
        lastInBlock = place(event);
        resumeBlock = event.getBlockNumber();
    }

    @Override
    String describe(ContractEvent event) {
        return "event " + event.getName() + " of block " + event.getBlockNumber() + " of channel " + channel;
    }

    @Override
    String position() {
        return "block " + resumeBlock;
    }

    /** Transaction index, then event index (each uint32 on the wire), as one ordered number. */
    private static long place(ContractEvent event) {
        return (Integer.toUnsignedLong(event.getTransactionIndex()) << 32) | Integer.toUnsignedLong(event.getEventIndex());
    }
}
