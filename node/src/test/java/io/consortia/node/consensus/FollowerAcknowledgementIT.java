package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.node.config.NodeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto.AppendResult;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.ProtoUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower running with the node's Ratis settings ({@link RaftNode#properties}) acknowledges
 * only entries that are in its log (issue 16: a restarted follower stayed two blocks behind on an
 * idle channel while the leader logged INCONSISTENCY twice a second, until the next transaction).
 *
 * <p>The test is the leader: it sends append requests straight to a real Ratis server (gRPC,
 * segmented log on disk). A leader resends from the same index with more entries after a broken
 * stream or a timeout, which is exactly what happens while a restarted follower catches up; if the
 * first request is still being written when the second arrives, Ratis 3.3.0's "compose" append
 * path answers the second with the first one's completion and reports the second one's last
 * index as matched although its new entries were never written. The leader then believes the
 * follower has them, and on an idle channel its heartbeats name an entry the follower lacks:
 * the follower answers INCONSISTENCY, the leader keeps its next index at matchIndex + 1 (Ratis
 * never goes below it for a heartbeat) and nothing is resent until a new entry is appended.
 *
 * <p>The state machine here only holds the log's flush (Ratis waits for the state machine's
 * flush before it completes a write) so that the first request is reliably still in flight.
 */
class FollowerAcknowledgementIT {
    private static final long TERM = 1;
    private static final ClientId CLIENT = ClientId.randomId();

    @TempDir
    Path dir;

    private RaftServer server;
    private final AtomicLong callIds = new AtomicLong();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_resent_longer_append_is_acknowledged_only_once_its_entries_are_in_the_follower_log() throws Exception {
        RaftPeerId follower = RaftPeerId.valueOf("follower");
        RaftPeerId leader = RaftPeerId.valueOf("leader");
        int port = freePort();
        NodeConfig config = new NodeConfig("follower", "org1", dir, null, null, null,
                new NodeConfig.Raft("127.0.0.1", port, 0, 30_000, 60_000, 0), null, null, null);
        RaftGroup group = RaftGroup.valueOf(RaftNode.groupId("main"),
                RaftPeer.newBuilder().setId(follower).setAddress("127.0.0.1:" + port).build(),
                RaftPeer.newBuilder().setId(leader).setAddress("127.0.0.1:" + freePort()).build());
        HeldFlush stateMachine = new HeldFlush();
        server = RaftServer.newBuilder()
                .setServerId(follower)
                .setGroup(group)
                .setProperties(RaftNode.properties(config))
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        RaftLog log = server.getDivision(group.getGroupId()).getRaftLog();

        // entries 0..9, held in the follower's log writer
        CompletableFuture<AppendEntriesReplyProto> first = server.appendEntriesAsync(
                append(group.getGroupId(), leader, follower, null, entries(0, 10), -1));
        await().atMost(Duration.ofSeconds(60)).until(() -> stateMachine.flushing.getCount() == 0 || first.isDone());
        assertThat(first).as("the first append is held in the log writer's flush").isNotDone();
        // the leader resends from index 0 with two more entries while the first write is in flight
        CompletableFuture<AppendEntriesReplyProto> resent = server.appendEntriesAsync(
                append(group.getGroupId(), leader, follower, null, entries(0, 12), -1));
        stateMachine.release.complete(null);

        AppendEntriesReplyProto firstReply = first.get(60, TimeUnit.SECONDS);
        AppendEntriesReplyProto resentReply = resent.get(60, TimeUnit.SECONDS);
        assertThat(firstReply.getResult()).isEqualTo(AppendResult.SUCCESS);
        assertThat(resentReply.getResult()).isEqualTo(AppendResult.SUCCESS);
        assertThat(resentReply.getMatchIndex()).isEqualTo(11);
        // an idle leader's heartbeat names the last entry the follower acknowledged: the follower must have it
        AppendEntriesReplyProto heartbeat = server.appendEntriesAsync(
                append(group.getGroupId(), leader, follower, termIndex(11), List.of(), 11)).get(60, TimeUnit.SECONDS);
        assertThat(heartbeat.getResult()).as("heartbeat naming acknowledged entry 11 (reply's next index %d)",
                heartbeat.getNextIndex()).isEqualTo(AppendResult.SUCCESS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(log.getFlushIndex()).as("follower's log (flushed) after acknowledging index 11")
                        .isGreaterThanOrEqualTo(11));
        await().atMost(Duration.ofSeconds(60)).until(() -> log.getLastCommittedIndex() >= 11);
    }

    private AppendEntriesRequestProto append(RaftGroupId groupId, RaftPeerId leader, RaftPeerId follower,
                                             TermIndexProto previous, List<LogEntryProto> entries, long leaderCommit) {
        AppendEntriesRequestProto.Builder b = AppendEntriesRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder()
                        .setRequestorId(leader.toByteString())
                        .setReplyId(follower.toByteString())
                        .setRaftGroupId(ProtoUtils.toRaftGroupIdProtoBuilder(groupId))
                        .setCallId(callIds.incrementAndGet()))
                .setLeaderTerm(TERM)
                .setLeaderCommit(leaderCommit)
                .setInitializing(false)
                .addAllEntries(entries);
        if (previous != null) {
            b.setPreviousLog(previous);
        }
        return b.build();
    }

    private static TermIndexProto termIndex(long index) {
        return TermIndexProto.newBuilder().setTerm(TERM).setIndex(index).build();
    }

    private static List<LogEntryProto> entries(long from, long to) {
        List<LogEntryProto> entries = new ArrayList<>();
        for (long i = from; i < to; i++) {
            entries.add(LogEntryProto.newBuilder().setTerm(TERM).setIndex(i)
                    .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                            .setClientId(CLIENT.toByteString())
                            .setCallId(i)
                            .setLogData(ByteString.copyFromUtf8("batch " + i)))
                    .build());
        }
        return entries;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Holds the first flush of the Raft log until released; later flushes wait for the same release. */
    private static final class HeldFlush extends BaseStateMachine {
        final CompletableFuture<Void> release = new CompletableFuture<>();
        final CountDownLatch flushing = new CountDownLatch(1);

        @Override
        public CompletableFuture<Void> flush(long logIndex) {
            flushing.countDown();
            return release;
        }
    }
}
