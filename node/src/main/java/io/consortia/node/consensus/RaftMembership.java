package io.consortia.node.consensus;

import java.util.SortedMap;

/**
 * A Raft group's configuration as Ratis holds it: voters and listeners (node id to Raft address),
 * whether a change is under way (joint consensus: an old configuration still counts), and the
 * log index of the entry that set it.
 */
public record RaftMembership(SortedMap<String, String> voters, SortedMap<String, String> listeners,
                             boolean changing, long logIndex) {
    public RaftMembership {
        voters = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(voters));
        listeners = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(listeners));
    }

    boolean contains(String nodeId) {
        return voters.containsKey(nodeId) || listeners.containsKey(nodeId);
    }
}
