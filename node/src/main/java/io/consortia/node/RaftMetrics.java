package io.consortia.node;

import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.metrics.NodeMetrics;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;

/** Raft gauges read at scrape time from Ratis: role, term, peers, leader, queued transactions. */
final class RaftMetrics {
    private RaftMetrics() {}

    static void register(NodeMetrics metrics, ChannelManager channels) {
        metrics.registerCallbackGauge("consortia_raft_role", "1 for the node's current Raft role in the channel",
                new String[] {"channel", "role"}, cb -> {
                    for (ChannelRuntime c : channels.all()) {
                        channels.raft().info(c.name()).ifPresent(info -> {
                            for (RaftPeerRole role : new RaftPeerRole[] {RaftPeerRole.LEADER, RaftPeerRole.FOLLOWER,
                                    RaftPeerRole.CANDIDATE, RaftPeerRole.LISTENER}) {
                                cb.call(info.getCurrentRole() == role ? 1 : 0, c.name(), role.name());
                            }
                        });
                    }
                });
        metrics.registerCallbackGauge("consortia_raft_term", "Current Raft term of the channel",
                new String[] {"channel"}, cb -> channels.all().forEach(c -> channels.raft().info(c.name())
                        .ifPresent(info -> cb.call(info.getCurrentTerm(), c.name()))));
        metrics.registerCallbackGauge("consortia_raft_has_leader", "1 when the channel has a known Raft leader",
                new String[] {"channel"}, cb -> channels.all().forEach(c -> channels.raft().info(c.name())
                        .ifPresent(info -> cb.call(info.getLeaderId() == null ? 0 : 1, c.name()))));
        metrics.registerCallbackGauge("consortia_raft_peers", "Peers in the channel's Raft group",
                new String[] {"channel"}, cb -> channels.all().forEach(c ->
                        cb.call(channels.raft().peers(c.name()).size(), c.name())));
        metrics.registerCallbackGauge("consortia_raft_applied_index", "Last Raft log index applied to the ledger",
                new String[] {"channel"}, cb -> channels.all().forEach(c -> cb.call(c.appliedIndex(), c.name())));
        metrics.registerCallbackGauge("consortia_channel_failed",
                "1 for each channel this node does not serve: its stored files did not open at start, or its Raft"
                        + " group did not start",
                new String[] {"channel"}, cb -> channels.failed().keySet().forEach(name -> cb.call(1, name)));
        metrics.registerCallbackGauge("consortia_raft_member_stopped",
                "1 for each served channel whose Raft member Ratis closed; the node follows it again after a restart",
                new String[] {"channel"}, cb -> channels.stoppedMembers().keySet().forEach(name -> cb.call(1, name)));
        metrics.registerCallbackGauge("consortia_batcher_queued_transactions",
                "Admitted transactions waiting to be batched", new String[] {"channel"},
                cb -> channels.all().forEach(c -> cb.call(channels.queued(c.name()), c.name())));
    }
}
