package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.OrderRequest;
import io.consortia.protocol.v1.OrderResponse;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.consortia.protocol.v1.TransactionBatch;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Hands a batch this node admitted to the channel's Raft leader ({@code PeerService.Order}),
 * over mutual TLS with the node's own certificate, one connection per peer kept open.
 *
 * <p>Why: a block used to be one node's batch, in practice one client call, because every node
 * proposed its own batches through Raft. Each Raft entry costs every node a log append and
 * fsync, replication, a synced ledger write and a block's hashing (finding 14: ~23 ms of node
 * CPU per block on four nodes). Handed to the leader, the batches of all nodes wait in one
 * queue while the previous entry replicates and leave as one entry.
 *
 * <p>A hand-off is abandoned as soon as the channel has another leader ({@link #leaderChanged}):
 * a leader that is paused (SIGSTOP, a long GC) still accepts connections and so never fails a
 * call, and every node waiting on it used to wait for the whole deadline while the others had
 * long elected a new leader (issue 16: 15 s without a block for a 15 s pause). The deadline is
 * the backstop for a leader nobody has replaced, a few election timeouts.
 */
final class LeaderHandOff implements AutoCloseable {
    private final TlsMaterial tls;
    private final Duration deadline;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();

    LeaderHandOff(TlsMaterial tls, Duration deadline) {
        this.tls = tls;
        this.deadline = deadline;
    }

    /**
     * Completes once the leader {@code leaderId} at {@code apiAddress} has had the batch committed
     * by Raft; fails when it refuses, cannot be reached, the deadline passes or the channel gets
     * another leader. A failed hand-off may still have been committed: the caller may order the
     * batch again, which orders none of its transactions twice (see BlockExecutor).
     */
    CompletableFuture<Void> order(String leaderId, String apiAddress, TransactionBatch batch) {
        InFlight call = new InFlight(batch.getChannel(), leaderId);
        inFlight.add(call);
        call.ordered.whenComplete((ok, error) -> inFlight.remove(call));
        OrderRequest request = OrderRequest.newBuilder().setChannel(batch.getChannel())
                .addAllTransactions(batch.getTransactionsList()).build();
        PeerServiceGrpc.newStub(channel(apiAddress)).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .order(request, new ClientResponseObserver<OrderRequest, OrderResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<OrderRequest> stream) {
                        call.stream = stream;
                    }

                    @Override
                    public void onNext(OrderResponse response) {
                        // the answer is its arrival
                    }

                    @Override
                    public void onError(Throwable t) {
                        call.ordered.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        call.ordered.complete(null);
                    }
                });
        return call.ordered;
    }

    /** Abandons the hand-offs of the channel to any other node than its new leader. */
    void leaderChanged(String channel, String newLeaderId) {
        for (InFlight call : inFlight) {
            if (call.channel.equals(channel) && !call.leaderId.equals(newLeaderId)) {
                call.abandon("channel " + channel + " has a new leader, " + newLeaderId + "; " + call.leaderId
                        + " may never answer");
            }
        }
    }

    /** Hand-offs not answered yet (for tests and metrics). */
    int inFlight() {
        return inFlight.size();
    }

    private ManagedChannel channel(String apiAddress) {
        return channels.computeIfAbsent(apiAddress, address -> PeerConnections.open(address, tls));
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }

    private static final class InFlight {
        final String channel;
        final String leaderId;
        final CompletableFuture<Void> ordered = new CompletableFuture<>();
        volatile ClientCallStreamObserver<OrderRequest> stream;

        InFlight(String channel, String leaderId) {
            this.channel = channel;
            this.leaderId = leaderId;
        }

        void abandon(String why) {
            LeaderChangedException reason = new LeaderChangedException(why);
            if (ordered.completeExceptionally(reason)) {
                ClientCallStreamObserver<OrderRequest> s = stream;
                if (s != null) {
                    s.cancel(why, null);
                }
            }
        }
    }

    /** The hand-off was abandoned because another node leads the channel now. */
    static final class LeaderChangedException extends ChannelException {
        LeaderChangedException(String message) {
            super(message);
        }
    }
}
