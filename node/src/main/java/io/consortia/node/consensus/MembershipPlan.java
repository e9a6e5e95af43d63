package io.consortia.node.consensus;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The next single step from Ratis' configuration of a channel towards its committed
 * configuration (voters → Ratis servers, learners → Ratis listeners), or none when they agree.
 *
 * <p>Why steps: committed configurations differ by at most one voter, but Ratis may lag several
 * versions (a leader crashed before it reconfigured). Each step changes whether at most one
 * member votes, and non-voting members are added before they may be promoted, so a majority of
 * the previous voters is always part of the next one. Order: add missing members as listeners
 * (they catch up without voting), promote one, demote one, drop listeners no longer in the
 * configuration. A step never leaves a group without a voter.
 */
final class MembershipPlan {
    private MembershipPlan() {}

    /** What the committed configuration asks of Ratis. */
    static RaftMembership target(ChannelConfig config) {
        SortedMap<String, String> voters = new TreeMap<>();
        SortedMap<String, String> listeners = new TreeMap<>();
        for (Peer p : config.getPeersList()) {
            (p.getRole() == PeerRole.LEARNER ? listeners : voters).put(p.getNodeId(), p.getRaftAddress());
        }
        return new RaftMembership(voters, listeners, false, -1);
    }

    static boolean agrees(RaftMembership current, RaftMembership target) {
        return current.voters().keySet().equals(target.voters().keySet())
                && current.listeners().keySet().equals(target.listeners().keySet());
    }

    static Optional<RaftMembership> next(RaftMembership current, RaftMembership target) {
        return next(current, target, id -> true);
    }

    /**
     * @param ready whether a member Ratis does not know yet runs its Raft member of the group: it is
     *              added only then (see MembershipReconciler); the other steps do not wait for it
     */
    static Optional<RaftMembership> next(RaftMembership current, RaftMembership target,
                                         java.util.function.Predicate<String> ready) {
        if (agrees(current, target)) {
            return Optional.empty();
        }
        SortedMap<String, String> voters = new TreeMap<>(current.voters());
        SortedMap<String, String> listeners = new TreeMap<>(current.listeners());
        // 1. members of the configuration that Ratis does not know yet join without a vote
        boolean added = false;
        for (var e : all(target).entrySet()) {
            if (!current.contains(e.getKey()) && ready.test(e.getKey())) {
                listeners.put(e.getKey(), e.getValue());
                added = true;
            }
        }
        if (added) {
            return Optional.of(new RaftMembership(voters, listeners, false, -1));
        }
        // 2. one listener the configuration wants voting is promoted
        for (String id : target.voters().keySet()) {
            if (listeners.containsKey(id)) {
                voters.put(id, listeners.remove(id));
                return Optional.of(new RaftMembership(voters, listeners, false, -1));
            }
        }
        // 3. one voter the configuration does not want voting becomes a listener
        for (String id : current.voters().keySet()) {
            if (!target.voters().containsKey(id) && voters.size() > 1) {
                listeners.put(id, voters.remove(id));
                return Optional.of(new RaftMembership(voters, listeners, false, -1));
            }
        }
        // 4. listeners no longer in the configuration leave
        boolean removed = listeners.keySet().removeIf(id -> !target.contains(id));
        return removed ? Optional.of(new RaftMembership(voters, listeners, false, -1)) : Optional.empty();
    }

    private static SortedMap<String, String> all(RaftMembership m) {
        SortedMap<String, String> all = new TreeMap<>(m.voters());
        all.putAll(m.listeners());
        return all;
    }
}
