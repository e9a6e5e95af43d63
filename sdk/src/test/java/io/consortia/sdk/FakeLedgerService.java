package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.protocol.v1.GetBlockByHashRequest;
import io.consortia.protocol.v1.GetBlockByNumberRequest;
import io.consortia.protocol.v1.GetTransactionRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.consortia.protocol.v1.TransactionInfo;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory chain of one channel, serving the ledger service like a node would. */
final class FakeLedgerService extends LedgerServiceGrpc.LedgerServiceImplBase {
    private final HashFunction hash;
    private final String channel;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, TransactionInfo> receipts = new HashMap<>();
    private final List<ServerCallStreamObserver<Block>> live = new ArrayList<>();
    final List<StreamBlocksRequest> streamRequests = new CopyOnWriteArrayList<>();
    private final List<ServerCallStreamObserver<ContractEvent>> liveEvents = new ArrayList<>();
    private final Map<ServerCallStreamObserver<ContractEvent>, StreamEventsRequest> eventFilters = new HashMap<>();
    final List<StreamEventsRequest> eventRequests = new CopyOnWriteArrayList<>();
    private Status refusal;

    FakeLedgerService(HashFunction hash, String channel) {
        this.hash = hash;
        this.channel = channel;
        append(List.of()); // genesis
    }

    synchronized Block append(List<BlockTransaction> transactions) {
        byte[] previous = blocks.isEmpty() ? new byte[32] : blocks.get(blocks.size() - 1).getHash().toByteArray();
        Block block = TestBlocks.block(hash, channel, blocks.size(), previous, transactions);
        blocks.add(block);
        for (int i = 0; i < transactions.size(); i++) {
            receipts.put(transactions.get(i).getTransactionId(), TestBlocks.receipt(hash, block, i));
        }
        live.removeIf(ServerCallStreamObserver::isCancelled);
        live.forEach(observer -> observer.onNext(block));
        liveEvents.removeIf(ServerCallStreamObserver::isCancelled);
        liveEvents.forEach(observer -> events(block, eventFilters.get(observer)).forEach(observer::onNext));
        return block;
    }

    /** Transactions recorded in all blocks. */
    synchronized int transactionCount() {
        return blocks.stream().mapToInt(Block::getTransactionsCount).sum();
    }

    /** Fails every open block stream as a restarting node would. */
    synchronized void breakLiveStreams() {
        breakLiveStreams(Status.UNAVAILABLE.withDescription("node restarting"));
    }

    /** Fails every open stream with this status. */
    synchronized void breakLiveStreams(Status status) {
        live.forEach(observer -> observer.onError(status.asRuntimeException()));
        live.clear();
        liveEvents.forEach(observer -> observer.onError(status.asRuntimeException()));
        liveEvents.clear();
    }

    /** Refuses every stream opened from now on with this status (null: serves them again). */
    synchronized void refuseStreams(Status status) {
        refusal = status;
    }

    synchronized int liveEventStreams() {
        liveEvents.removeIf(ServerCallStreamObserver::isCancelled);
        return liveEvents.size();
    }

    /**
     * Like the node, events of stored blocks then of new ones, filtered by name only (the contract is
     * in each transaction's payload, which the fake's tests do not vary).
     */
    @Override
    public synchronized void streamEvents(StreamEventsRequest request, StreamObserver<ContractEvent> response) {
        eventRequests.add(request);
        if (refusal != null) {
            response.onError(refusal.asRuntimeException());
            return;
        }
        for (long n = request.getFromBlock(); n < blocks.size(); n++) {
            events(blocks.get((int) n), request).forEach(response::onNext);
        }
        liveEvents.add((ServerCallStreamObserver<ContractEvent>) response);
        eventFilters.put((ServerCallStreamObserver<ContractEvent>) response, request);
    }

    private static List<ContractEvent> events(Block block, StreamEventsRequest request) {
        List<ContractEvent> out = new ArrayList<>();
        for (int t = 0; t < block.getTransactionsCount(); t++) {
            BlockTransaction tx = block.getTransactions(t);
            for (int e = 0; e < tx.getEventsCount(); e++) {
                String name = tx.getEvents(e).getName();
                if (request.getEventNamesList().isEmpty() || request.getEventNamesList().contains(name)) {
                    out.add(ContractEvent.newBuilder().setBlockNumber(block.getHeader().getNumber())
                            .setTransactionId(tx.getTransactionId()).setTransactionIndex(t).setEventIndex(e)
                            .setContract(request.getContract()).setName(name).setPayload(tx.getEvents(e).getPayload()).build());
                }
            }
        }
        return out;
    }

    synchronized int liveStreams() {
        live.removeIf(ServerCallStreamObserver::isCancelled);
        return live.size();
    }

    @Override
    public synchronized void getBlockByNumber(GetBlockByNumberRequest request, StreamObserver<Block> response) {
        if (request.getNumber() >= blocks.size()) {
            response.onError(Status.NOT_FOUND.withDescription("no block " + request.getNumber()).asRuntimeException());
            return;
        }
        respond(response, blocks.get((int) request.getNumber()));
    }

    @Override
    public synchronized void getBlockByHash(GetBlockByHashRequest request, StreamObserver<Block> response) {
        ByteString wanted = request.getHash();
        blocks.stream().filter(b -> b.getHash().equals(wanted)).findFirst().ifPresentOrElse(
                block -> respond(response, block),
                () -> response.onError(Status.NOT_FOUND.asRuntimeException()));
    }

    @Override
    public synchronized void getTransaction(GetTransactionRequest request, StreamObserver<TransactionInfo> response) {
        TransactionInfo info = receipts.get(request.getTransactionId());
        if (info == null) {
            response.onError(Status.NOT_FOUND.withDescription("no transaction " + request.getTransactionId())
                    .asRuntimeException());
            return;
        }
        respond(response, info);
    }

    @Override
    public synchronized void getChainInfo(ChainInfoRequest request, StreamObserver<ChainInfo> response) {
        respond(response, ChainInfo.newBuilder()
                .setChannel(channel)
                .setHeight(blocks.size())
                .setCurrentHash(blocks.get(blocks.size() - 1).getHash())
                .setTransactionCount(receipts.size())
                .build());
    }

    @Override
    public synchronized void streamBlocks(StreamBlocksRequest request, StreamObserver<Block> response) {
        streamRequests.add(request);
        if (refusal != null) {
            response.onError(refusal.asRuntimeException());
            return;
        }
        for (long n = request.getFromNumber(); n < blocks.size(); n++) {
            response.onNext(blocks.get((int) n));
        }
        live.add((ServerCallStreamObserver<Block>) response);
    }

    private static <T> void respond(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
