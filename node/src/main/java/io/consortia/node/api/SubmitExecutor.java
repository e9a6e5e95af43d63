package io.consortia.node.api;

import io.consortia.common.DaemonThreads;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the thread of every call of the API server: Submit and SubmitBatch run on a few
 * long-lived threads fed by a queue, every other call on a cached pool like gRPC's default.
 *
 * <p>Why (issue 21): gRPC's default executor is a cached pool whose hand-off is a
 * {@code SynchronousQueue}: every call wakes a parked thread (or starts one), and every thread
 * parks again when its call is done. With one transaction per call that is a futex wake-up and
 * a park per transaction — 6.6 % of the nodes' CPU in the 256 x 1 profile, more than admission
 * without its signature check. Submit work is short and never blocks on I/O (admission, a
 * RocksDB read, a queue hand-off; the commit wait is asynchronous), so a fixed pool the size of
 * the machine does it without that churn: under load its threads find the next call already
 * queued. Calls that may block or stream for long (evaluate runs contracts, backups, block
 * streams, hand-offs between nodes) run on the cached pool so they cannot hold these.
 *
 * <p>The server's own executor is direct ({@link ApiServer}): gRPC looks a call's method up, and
 * asks this supplier for its executor, on the server's executor before it switches, so with a
 * pool there that was one more hand-off through a {@code SynchronousQueue} per call (a park and a
 * wake-up; 4 % of the nodes' CPU at 256 x 1). On the event loop the lookup is a map read. This
 * supplier therefore never answers null: null would run the call on the event loop.
 */
final class SubmitExecutor implements ServerCallExecutorSupplier, AutoCloseable {
    private static final Set<String> SUBMIT_METHODS = Set.of(
            TransactionServiceGrpc.getSubmitMethod().getFullMethodName(),
            TransactionServiceGrpc.getSubmitBatchMethod().getFullMethodName());

    private final ThreadPoolExecutor pool;
    private final ExecutorService others = Executors.newCachedThreadPool(DaemonThreads.numbered("api-call"));

    SubmitExecutor(int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.numbered("submit"));
    }

    /** As many threads as the machine has cores, at least two. */
    static SubmitExecutor forThisMachine() {
        return new SubmitExecutor(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata metadata) {
        return SUBMIT_METHODS.contains(call.getMethodDescriptor().getFullMethodName()) ? pool : others;
    }

    @Override
    public void close() {
        pool.shutdown();
        others.shutdown();
    }
}
