package io.consortia.node.api;

import io.consortia.common.DaemonThreads;
import io.consortia.crypto.Hashes;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.execution.CertificateRegistry;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.GetChannelConfigRequest;
import io.consortia.protocol.v1.GetBlockByHashRequest;
import io.consortia.protocol.v1.GetBlockByNumberRequest;
import io.consortia.protocol.v1.GetTransactionRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.protocol.v1.TransactionInfo;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Reads blocks and transactions, and streams blocks, or filtered contract events, as they commit. */
final class LedgerServiceImpl extends LedgerServiceGrpc.LedgerServiceImplBase {
    private final ChannelManager channels;
    private final ChannelReaders readers;
    private final ExecutorService streamPool = Executors.newCachedThreadPool(DaemonThreads.named("block-stream"));

    LedgerServiceImpl(ChannelManager channels, ChannelReaders readers) {
        this.channels = channels;
        this.readers = readers;
    }

    /** The channel, if the caller may read it (see {@link ChannelReaders}). */
    private ChannelRuntime readable(String channel) {
        ChannelRuntime runtime = channels.require(channel);
        readers.require(runtime.ledger().config());
        return runtime;
    }

    @Override
    public void getBlockByNumber(GetBlockByNumberRequest request, StreamObserver<Block> observer) {
        respond(observer, () -> {
            RequestLimits.channel(request.getChannel());
            RequestLimits.blockNumber("block number", request.getNumber());
            ChannelLedger ledger = readable(request.getChannel()).ledger();
            return ledger.block(request.getNumber()).orElseThrow(() -> Statuses.notFound("channel "
                    + request.getChannel() + " has no block " + request.getNumber() + " (height "
                    + ledger.height() + ")"));
        });
    }

    @Override
    public void getBlockByHash(GetBlockByHashRequest request, StreamObserver<Block> observer) {
        respond(observer, () -> {
            RequestLimits.channel(request.getChannel());
            RequestLimits.hash(request.getHash());
            return readable(request.getChannel()).ledger()
                    .blockByHash(request.getHash().toByteArray())
                    .orElseThrow(() -> Statuses.notFound("channel " + request.getChannel() + " has no block with hash "
                            + Hashes.hex(request.getHash().toByteArray())));
        });
    }

    @Override
    public void getTransaction(GetTransactionRequest request, StreamObserver<TransactionInfo> observer) {
        respond(observer, () -> {
            RequestLimits.channel(request.getChannel());
            RequestLimits.transactionId(request.getTransactionId());
            ChannelLedger ledger = readable(request.getChannel()).ledger();
            TransactionInfo info = ledger.transaction(request.getTransactionId())
                    .orElseThrow(() -> Statuses.notFound("channel " + request.getChannel() + " has no transaction "
                            + request.getTransactionId()));
            return CertificateRegistry.withCreatorCertificate(info, CertificateRegistry.committed(ledger));
        });
    }

    @Override
    public void getChainInfo(ChainInfoRequest request, StreamObserver<ChainInfo> observer) {
        respond(observer, () -> {
            RequestLimits.channel(request.getChannel());
            ChannelLedger ledger = readable(request.getChannel()).ledger();
            return ChainInfo.newBuilder().setChannel(request.getChannel()).setHeight(ledger.height())
                    .setCurrentHash(com.google.protobuf.ByteString.copyFrom(ledger.currentHash()))
                    .setTransactionCount(ledger.transactionCount()).build();
        });
    }

    /** The configuration in force (version 0) or of a given version, with the block and transaction that committed it. */
    @Override
    public void getChannelConfig(GetChannelConfigRequest request, StreamObserver<ChannelConfigInfo> observer) {
        respond(observer, () -> {
            RequestLimits.channel(request.getChannel());
            ChannelLedger ledger = readable(request.getChannel()).ledger();
            if (request.getVersion() == 0) {
                return ledger.configInfo();
            }
            // uint64 on the wire: 2^63 and up are negative here, and no such version exists
            return ledger.configInfo(request.getVersion()).orElseThrow(() -> Statuses.notFound("channel "
                    + request.getChannel() + " has no configuration version " + Long.toUnsignedString(request.getVersion())
                    + " (current version " + ledger.config().getVersion() + ")"));
        });
    }

    /**
     * Sends stored blocks from {@code from_number}, then each new one; a number beyond the height
     * waits for that block, one beyond any possible height (2^63 and up) is refused.
     */
    @Override
    public void streamBlocks(StreamBlocksRequest request, StreamObserver<Block> observer) {
        ChannelRuntime runtime;
        try {
            RequestLimits.channel(request.getChannel());
            // unsigned on the wire: 2^63 and more would be negative here and count up through every negative number
            RequestLimits.blockNumber("from_number", request.getFromNumber());
            runtime = readable(request.getChannel());
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
            return;
        }
        pump(runtime, request.getFromNumber(), (ServerCallStreamObserver<Block>) observer, List::of);
    }

    /**
     * The matching contract events of the blocks from {@code from_block} on, then of each new block;
     * the same pump as {@link #streamBlocks}, each block turned into its matching events (often none).
     */
    @Override
    public void streamEvents(StreamEventsRequest request, StreamObserver<ContractEvent> observer) {
        ChannelRuntime runtime;
        EventFilter filter;
        try {
            RequestLimits.channel(request.getChannel());
            RequestLimits.blockNumber("from_block", request.getFromBlock());
            filter = EventFilter.of(request);
            runtime = readable(request.getChannel());
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
            return;
        }
        pump(runtime, request.getFromBlock(), (ServerCallStreamObserver<ContractEvent>) observer, filter::matching);
    }

    /**
     * Sends what {@code messages} makes of each block from {@code from} on. The ledger is the source:
     * a commit only wakes the subscriber's pump, which reads the next blocks by number, so no block
     * is skipped or sent twice however commits and reads interleave. The pump pauses while the
     * client is not ready (flow control) and goes on when it is. It ends PERMISSION_DENIED when the
     * caller's organisation is no longer one of the channel's.
     */
    private <T> void pump(ChannelRuntime runtime, long from, ServerCallStreamObserver<T> call,
            Function<Block, List<T>> messages) {
        // the caller's organisation may leave the channel while its stream is open: asked again per block
        java.security.cert.X509Certificate caller = CallerInterceptor.caller().orElse(null);
        AtomicLong next = new AtomicLong(from);
        AtomicInteger wip = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        // One drain at a time (work-in-progress counter): wake-ups during a drain make it loop again.
        Runnable drain = () -> {
            int missed = 1;
            do {
                try {
                    while (!cancelled.get() && call.isReady() && next.get() < runtime.ledger().height()) {
                        readers.require(runtime.ledger().config(), caller);
                        runtime.ledger().block(next.get()).ifPresent(block -> messages.apply(block).forEach(call::onNext));
                        next.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    if (cancelled.compareAndSet(false, true)) {
                        call.onError(Statuses.of(e));
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        };
        Runnable wake = () -> {
            if (!cancelled.get() && wip.getAndIncrement() == 0) {
                streamPool.execute(drain);
            }
        };
        AutoCloseable subscription = runtime.notifier().addListener(block -> wake.run());
        call.setOnCancelHandler(() -> {
            cancelled.set(true);
            close(subscription);
        });
        call.setOnReadyHandler(wake);
        wake.run();
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // removing a listener cannot fail
        }
    }

    private static <T> void respond(StreamObserver<T> observer, java.util.function.Supplier<T> body) {
        try {
            observer.onNext(body.get());
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        }
    }

    void close() {
        streamPool.shutdownNow();
    }
}
