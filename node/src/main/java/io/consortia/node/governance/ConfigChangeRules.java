package io.consortia.node.governance;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a configuration change obeys beyond the new configuration's own validity. They keep
 * Raft safe while membership follows the configuration: the set of voters changes by at most one
 * peer per version (so the old and the new majority always overlap), a node joins as a learner
 * and catches up before it may vote, and a voter leaves only after it was demoted.
 */
public final class ConfigChangeRules {
    private ConfigChangeRules() {}

    /** Every broken rule of going from {@code current} to {@code next}, in a fixed order; empty when allowed. */
    public static List<String> problems(ChannelConfig current, ChannelConfig next) {
        List<String> problems = new ArrayList<>();
        if (!next.getName().equals(current.getName())) {
            problems.add("the channel name cannot change");
        }
        if (next.getScheme() != current.getScheme()) {
            problems.add("the signature scheme cannot change");
        }
        if (next.getCreatedMillis() != current.getCreatedMillis()) {
            problems.add("created_millis cannot change");
        }
        Map<String, Peer> before = byId(current.getPeersList());
        Map<String, Peer> after = byId(next.getPeersList());
        List<String> voterChanges = new ArrayList<>();
        for (Peer peer : after.values()) {
            Peer old = before.get(peer.getNodeId());
            if (old == null) {
                if (peer.getRole() != PeerRole.LEARNER) {
                    problems.add("new peer " + peer.getNodeId() + " must join as LEARNER");
                }
                continue;
            }
            if (!old.getOrganization().equals(peer.getOrganization())) {
                problems.add("peer " + peer.getNodeId() + " cannot move to another organization");
            }
            if (old.getRole() != peer.getRole()) {
                voterChanges.add(peer.getNodeId() + " " + old.getRole() + "->" + peer.getRole());
            }
        }
        for (Peer old : before.values()) {
            if (!after.containsKey(old.getNodeId()) && old.getRole() != PeerRole.LEARNER) {
                problems.add("peer " + old.getNodeId() + " is a VOTER: demote it to LEARNER in one change,"
                        + " remove it in the next");
            }
        }
        if (voterChanges.size() > 1) {
            problems.add("at most one peer may change whether it votes per change, not " + voterChanges.size()
                    + " (" + String.join(", ", voterChanges) + ")");
        }
        if (after.values().stream().noneMatch(p -> p.getRole() == PeerRole.VOTER)) {
            problems.add("at least one VOTER must remain");
        }
        Set<String> kept = new TreeSet<>(next.getOrganizationsList().stream().map(Organization::getName).toList());
        Set<String> withPeers = new TreeSet<>(current.getPeersList().stream().map(Peer::getOrganization).toList());
        for (Organization org : current.getOrganizationsList()) {
            if (!kept.contains(org.getName()) && withPeers.contains(org.getName())) {
                problems.add("organization " + org.getName() + " still has peers: remove its peers first");
            }
        }
        return problems;
    }

    private static Map<String, Peer> byId(List<Peer> peers) {
        Map<String, Peer> map = new LinkedHashMap<>();
        for (Peer peer : peers) {
            map.putIfAbsent(peer.getNodeId(), peer);
        }
        return map;
    }
}
