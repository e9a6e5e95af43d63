package org.apache.ratis.server.impl;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.LogProtoUtils;

/**
 * Works around a Ratis 3.3.0 follower bug: when an append conflicts with the follower's log,
 * Ratis first records the configuration entries of the append, then truncates the conflicting
 * suffix and, for every truncated entry, drops every configuration at or above its index, the
 * ones just recorded included. The follower's log then holds the leader's configuration but its
 * in-memory one stays older until a later configuration entry arrives, possibly never: a leader
 * killed with entries only it had, restarted, kept the configuration before the change the new
 * leader had made in the meantime (MembershipLeaderKillIT).
 *
 * <p>Lives in Ratis' package because the configuration of a division can only be set there.
 */
public final class CommittedConfigurations {
    private CommittedConfigurations() {}

    /**
     * Called when the division applies the committed configuration entry at {@code index}: a
     * member's current configuration is never older than its last committed one, so if it is,
     * that entry was dropped and is recorded again (committed entries are never truncated).
     *
     * @return whether the configuration had been dropped
     */
    public static boolean restore(RaftServer.Division division, long term, long index, RaftConfigurationProto conf) {
        ServerState state = ((RaftServerImpl) division).getState();
        if (state.getRaftConf().getLogEntryIndex() >= index) {
            return false;
        }
        RaftConfiguration committed = LogProtoUtils.toRaftConfiguration(
                LogEntryProto.newBuilder().setTerm(term).setIndex(index).setConfigurationEntry(conf).build());
        state.setRaftConf(committed);
        return true;
    }
}
