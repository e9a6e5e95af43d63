package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.ProtoUtils;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower whose log ends with entries of a leader that died (they never reached the others)
 * gets the new leader's entries, a configuration change among them: Ratis 3.3.0 truncates the
 * conflicting entries after recording the new configuration and drops it with them. Once that
 * configuration commits, the member reports it (ChannelStateMachine restores it on apply).
 */
class TruncatedConfigurationTest {
    private static final RaftGroupId GROUP = RaftGroupId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private RaftServer server;

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_follower_that_truncated_a_dead_leaders_entries_keeps_the_new_leaders_configuration() throws Exception {
        server = follower();
        RaftConfigurationProto before = configuration(List.of("l", "f", "g"), List.of());
        RaftConfigurationProto after = configuration(List.of("l", "f", "g"), List.of("x"));

        // leader l (term 1): its configuration, committed, then two entries only it and f have
        append("l", 1, null, 0, conf(1, 0, before), batch(1, 1), batch(1, 2));
        // leader g (term 2) never had them: its own entries replace them, a listener added at index 1
        AppendEntriesReplyProto reply = append("g", 2, TermIndexProto.newBuilder().setTerm(1).setIndex(0).build(), 0,
                conf(2, 1, after), batch(2, 2));
        assertThat(reply.getResult()).isEqualTo(AppendEntriesReplyProto.AppendResult.SUCCESS);
        // g commits both
        append("g", 2, TermIndexProto.newBuilder().setTerm(2).setIndex(2).build(), 2);

        await("f's Raft configuration lists the listener x").atMost(Duration.ofSeconds(20))
                .until(() -> listeners().contains("x"));
        assertThat(server.getDivision(GROUP).getRaftConf().getLogEntryIndex()).isEqualTo(1);
    }

    private List<String> listeners() throws Exception {
        return server.getDivision(GROUP).getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER).stream()
                .map(p -> p.getId().toString()).toList();
    }

    /** Member f of {l, f, g}; elections far away, so only these appends change it. */
    private RaftServer follower() throws Exception {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        GrpcConfigKeys.Server.setHost(p, "127.0.0.1");
        GrpcConfigKeys.Server.setPort(p, 0);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(5, TimeUnit.MINUTES));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(6, TimeUnit.MINUTES));
        RaftGroup group = RaftGroup.valueOf(GROUP, peer("l"), peer("f"), peer("g"));
        RaftServer s = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf("f")).setGroup(group)
                .setProperties(p).setStateMachine(new RestoringStateMachine()).build();
        s.start();
        return s;
    }

    /** What ChannelStateMachine does on a committed configuration, without a channel behind it. */
    private static final class RestoringStateMachine extends org.apache.ratis.statemachine.impl.BaseStateMachine {
        @Override
        public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto conf) {
            ChannelStateMachine.restoreCommitted(this, term, index, conf);
        }
    }

    private AppendEntriesReplyProto append(String leader, long term, TermIndexProto previous, long commit,
                                           LogEntryProto... entries) throws Exception {
        RaftRpcRequestProto header = RaftRpcRequestProto.newBuilder()
                .setRequestorId(RaftPeerId.valueOf(leader).toByteString())
                .setReplyId(RaftPeerId.valueOf("f").toByteString())
                .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(GROUP.toByteString()))
                .setCallId(callIds.incrementAndGet()).build();
        AppendEntriesRequestProto.Builder request = AppendEntriesRequestProto.newBuilder().setServerRequest(header)
                .setLeaderTerm(term).setLeaderCommit(commit).addAllEntries(List.of(entries));
        if (previous != null) {
            request.setPreviousLog(previous);
        }
        return server.appendEntries(request.build());
    }

    private static RaftPeer peer(String id) {
        return RaftPeer.newBuilder().setId(id).setAddress("127.0.0.1:1").build();
    }

    private static RaftConfigurationProto configuration(List<String> voters, List<String> listeners) {
        return RaftConfigurationProto.newBuilder()
                .addAllPeers(ProtoUtils.toRaftPeerProtos(voters.stream().map(TruncatedConfigurationTest::peer).toList()))
                .addAllListeners(ProtoUtils.toRaftPeerProtos(listeners.stream()
                        .map(TruncatedConfigurationTest::peer).toList()))
                .build();
    }

    private static LogEntryProto conf(long term, long index, RaftConfigurationProto conf) {
        return LogEntryProto.newBuilder().setTerm(term).setIndex(index).setConfigurationEntry(conf).build();
    }

    private LogEntryProto batch(long term, long index) {
        return LogEntryProto.newBuilder().setTerm(term).setIndex(index).setStateMachineLogEntry(
                StateMachineLogEntryProto.newBuilder()
                        .setLogData(ByteString.copyFrom("entry " + index, StandardCharsets.UTF_8))
                        .setClientId(ByteString.copyFrom(new byte[16])).setCallId(callIds.incrementAndGet()))
                .build();
    }
}
