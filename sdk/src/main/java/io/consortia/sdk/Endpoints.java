package io.consortia.sdk;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes a client may talk to, with failover: calls go to the node that last answered,
 * and move on to the next one when a node is {@code UNAVAILABLE}. Any node of a channel
 * accepts any call; nodes forward submissions to the Raft leader themselves.
 *
 * <p>A submission is re-sent as is (same bytes, same id). {@code UNAVAILABLE} usually means the
 * node could not be reached at all, but a node killed mid-call may already have handed the
 * transaction to the leader: the next node then refuses the re-send as
 * {@code DUPLICATE_TRANSACTION_ID} — it is never recorded twice. That answer is not reported as
 * a refusal: the submitter takes it as "admitted already" and waits for that transaction's outcome
 * as for any admitted one ({@code Submitter}, {@code CommitWaiter}).
 */
final class Endpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);

    private final List<io.grpc.Channel> targets;
    private final List<ManagedChannel> owned;
    private final AtomicInteger preferred = new AtomicInteger();

    Endpoints(List<io.grpc.Channel> targets, List<ManagedChannel> owned) {
        this.targets = List.copyOf(targets);
        this.owned = List.copyOf(owned);
    }

    /**
     * Runs the call against the preferred node, failing over on UNAVAILABLE. When no node
     * answers, the status names every endpoint tried and why, since gRPC's own description
     * ("io exception") names neither the address nor the cause.
     */
    <T> T call(Function<io.grpc.Channel, T> rpc) {
        int start = preferred.get();
        List<String> failures = new ArrayList<>(targets.size());
        StatusRuntimeException last = null;
        for (int attempt = 0; attempt < targets.size(); attempt++) {
            int index = (start + attempt) % targets.size();
            io.grpc.Channel target = targets.get(index);
            try {
                T result = rpc.apply(target);
                preferred.set(index);
                return result;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                    throw e;
                }
                LOG.debug("Endpoint {} unavailable, trying the next one: {}", index, e.getStatus());
                failures.add(Unreachable.describe(target.authority(), e.getStatus()));
                last = e;
            }
        }
        throw Unreachable.status(failures, last.getStatus()).asRuntimeException(last.getTrailers());
    }

    /** The node to open a stream on. */
    io.grpc.Channel current() {
        return targets.get(preferred.get() % targets.size());
    }

    /** Moves away from a node whose stream failed. */
    void failover() {
        if (targets.size() > 1) {
            preferred.updateAndGet(i -> (i + 1) % targets.size());
        }
    }

    /** Shuts down the channels this client opened; caller-provided connections stay open. */
    @Override
    public void close() {
        owned.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : owned) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
