package io.consortia.sdk;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.Consumer;

/** A block stream that survives broken connections: each attempt streams from the block after the last one delivered. */
final class BlockSubscription extends ResumingStream<StreamBlocksRequest, Block> {
    private volatile long nextNumber;

    BlockSubscription(String channel, long fromNumber, Consumer<Block> consumer, Consumer<GatewayException> onError,
            GatewayContext context) {
        super(channel, consumer, onError, context);
        this.nextNumber = fromNumber;
    }

    @Override
    public long nextBlockNumber() {
        return nextNumber;
    }

    @Override
    StreamBlocksRequest request() {
        return StreamBlocksRequest.newBuilder().setChannel(channel).setFromNumber(nextNumber).build();
    }

    @Override
    void call(LedgerServiceGrpc.LedgerServiceStub stub, StreamBlocksRequest request,
            ClientResponseObserver<StreamBlocksRequest, Block> observer) {
        stub.streamBlocks(request, observer);
    }

    @Override
    boolean isNew(Block block) {
        return block.getHeader().getNumber() >= nextNumber;
    }

    @Override
    void advance(Block block) {
        nextNumber = block.getHeader().getNumber() + 1;
    }

    @Override
    String describe(Block block) {
        return "block " + block.getHeader().getNumber() + " of channel " + channel;
    }

    @Override
    String position() {
        return "block " + nextNumber;
    }
}
