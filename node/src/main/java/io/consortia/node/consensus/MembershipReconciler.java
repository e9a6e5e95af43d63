package io.consortia.node.consensus;

import io.consortia.protocol.v1.ChannelConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Ratis' configuration of each channel follow the channel's committed configuration, on
 * the channel's leader only: after a configuration commits, when this node becomes leader, and
 * periodically. Each round takes one {@link MembershipPlan} step with Ratis' setConfiguration
 * and starts the next round when that step is committed, until the two agree.
 *
 * <p>A member Ratis does not know yet is added only once it answers for the channel (it has
 * joined: installed its checkpoint and started its Raft member). Ratis 3.3.0 starts a member's
 * follower state twice, and fails to start it ("previous != null"), when the leader's first
 * append arrives while the member's division is still starting; and a member that is not there
 * only makes the leader's change wait for a catch-up that cannot happen.
 *
 * <p>Why this is safe to run again and again, and after a crash: the target is read from the
 * committed configuration (the same on every node at the same height) and the starting point
 * from Ratis' own configuration, so a round only does what is still missing; a leader that
 * crashed in the middle leaves either the old or the new Ratis configuration committed, and the
 * next leader continues from there. Only one change per channel is under way at a time.
 */
final class MembershipReconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipReconciler.class);

    private final String nodeId;
    private final RaftNode raft;
    private final Function<String, Optional<ChannelConfig>> committed;
    private final ScheduledExecutorService executor;
    private final long transferTimeoutMillis;
    private final java.util.function.BiPredicate<String, io.consortia.protocol.v1.Peer> serves;
    /** Channels with a Ratis change under way: no second one starts before it answers. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    /**
     * Per channel waiting to drop listeners: the leader's applied index when the drop became due,
     * and when. A removed node learns that it is removed by applying the configuration that
     * removes it, so it is dropped from Ratis only once every follower has that index (or, for a
     * node that is down, after {@link #DROP_GRACE_MILLIS}).
     */
    private final Map<String, long[]> dropDue = new ConcurrentHashMap<>();
    static final long DROP_GRACE_MILLIS = 60_000;

    MembershipReconciler(String nodeId, RaftNode raft, Function<String, Optional<ChannelConfig>> committed,
                         ScheduledExecutorService executor, long transferTimeoutMillis,
                         java.util.function.BiPredicate<String, io.consortia.protocol.v1.Peer> serves) {
        this.serves = serves;
        this.nodeId = nodeId;
        this.raft = raft;
        this.committed = committed;
        this.executor = executor;
        this.transferTimeoutMillis = transferTimeoutMillis;
    }

    /** Reconciles the channel soon, on the reconciler's thread (callers may hold Ratis locks). */
    void request(String channel) {
        try {
            executor.execute(() -> reconcile(channel));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** One round for the channel; does nothing unless this node leads it and Ratis is not changing already. */
    void reconcile(String channel) {
        if (inFlight.containsKey(channel)) {
            return;
        }
        boolean leader = raft.info(channel).map(i -> i.isLeader() && i.isLeaderReady()).orElse(false);
        if (!leader) {
            return;
        }
        Optional<ChannelConfig> config = committed.apply(channel);
        Optional<RaftMembership> current = raft.membership(channel);
        if (config.isEmpty() || current.isEmpty() || current.get().changing()) {
            return;
        }
        RaftMembership target = MembershipPlan.target(config.get());
        ChannelConfig committedConfig = config.get();
        Optional<RaftMembership> step = MembershipPlan.next(current.get(), target, id -> committedConfig
                .getPeersList().stream().filter(p -> p.getNodeId().equals(id)).findFirst()
                .map(p -> serves.test(channel, p)).orElse(false));
        if (step.isEmpty()) {
            lastFailure.remove(channel);
            return;
        }
        RaftMembership next = step.get();
        if (drops(current.get(), next) && !dropReady(channel)) {
            return;
        }
        dropDue.remove(channel);
        if (current.get().voters().containsKey(nodeId) && !next.voters().containsKey(nodeId)) {
            handOver(channel, next);
            return;
        }
        LOG.info("channel {}: Raft configuration {} -> {} (committed configuration version {})", channel,
                describe(current.get()), describe(next), config.get().getVersion());
        inFlight.put(channel, Boolean.TRUE);
        raft.setConfiguration(channel, peers(next.voters()), peers(next.listeners()))
                .copy().orTimeout(2, TimeUnit.MINUTES) // a staged member that never catches up: try again later
                .whenComplete((reply, error) -> {
                    inFlight.remove(channel);
                    String failure = error != null ? error.toString()
                            : reply.isSuccess() ? null : String.valueOf(reply.getException());
                    if (failure == null) {
                        LOG.info("channel {}: Raft configuration is now {}", channel, describe(next));
                        lastFailure.remove(channel);
                        request(channel);
                    } else if (!failure.equals(lastFailure.put(channel, failure))) {
                        // retried by the periodic round; logged once per distinct reason
                        LOG.warn("channel {}: changing the Raft configuration to {} failed, will retry: {}", channel,
                                describe(next), failure);
                    }
                });
    }

    private static boolean drops(RaftMembership current, RaftMembership next) {
        return current.listeners().keySet().stream().anyMatch(id -> !next.contains(id));
    }

    private boolean dropReady(String channel) {
        long applied = raft.info(channel).map(i -> i.getLastAppliedIndex()).orElse(-1L);
        long[] due = dropDue.computeIfAbsent(channel, c -> new long[] {applied, System.currentTimeMillis()});
        long[] matched = raft.info(channel).map(i -> i.getFollowerMatchIndices()).orElse(new long[0]);
        boolean allMatched = java.util.Arrays.stream(matched).allMatch(m -> m >= due[0]);
        return allMatched || System.currentTimeMillis() - due[1] > DROP_GRACE_MILLIS;
    }

    /**
     * This leader is the voter to demote: it hands the leadership to another voter of the next
     * configuration first, whose own reconciler then demotes this node. A leader demoting itself
     * would stop leading in the middle of its own change.
     */
    private void handOver(String channel, RaftMembership next) {
        String successor = next.voters().keySet().iterator().next();
        LOG.info("channel {}: this node leaves the voters; handing the leadership to {} first", channel, successor);
        inFlight.put(channel, Boolean.TRUE);
        raft.transferLeadership(channel, successor, transferTimeoutMillis).whenComplete((reply, error) -> {
            inFlight.remove(channel);
            if (error != null || !reply.isSuccess()) {
                LOG.warn("channel {}: handing the leadership to {} failed, will retry: {}", channel, successor,
                        error != null ? error.toString() : reply.getException());
            }
        });
    }

    private static List<RaftPeer> peers(Map<String, String> members) {
        return members.entrySet().stream()
                .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build()).toList();
    }

    static String describe(RaftMembership m) {
        return "voters " + m.voters().keySet() + ", listeners " + m.listeners().keySet();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
