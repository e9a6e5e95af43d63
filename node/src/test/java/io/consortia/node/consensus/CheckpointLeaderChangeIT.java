package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.execution.ExecutionLimits;
import io.consortia.node.execution.TestConfigChanges;
import io.consortia.node.execution.TestNetworkFixture;
import io.consortia.node.execution.VerifyPool;
import io.consortia.node.metrics.NodeMetrics;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.TransactionBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower told by the leader to install a checkpoint (the leader had purged the entries it
 * lacked) still catches up when the leadership moves while it installs, to a member whose log
 * still holds the follower's next entry (ChaosIT once: after a leader was killed, a follower
 * answered every append of the new leader with INCONSISTENCY, next index 5724, though its ledger
 * had applied up to 5727, for minutes).
 *
 * <p>Three real Ratis servers with the node's settings ({@link RaftNode#properties}) and the
 * node's state machine over real channel ledgers. Only a purges its log (b's snapshot threshold
 * is out of reach), as one member may have purged and another not yet. The checkpoint of the
 * notifying leader is copied in-process instead of over the node's API, and held until the
 * leadership has moved.
 */
class CheckpointLeaderChangeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3").build();
    private final ChannelConfig genesis = TestConfigChanges.withAddresses(network.config());
    private final RaftGroupId groupId = RaftNode.groupId(genesis.getName());
    private final ExecutorService verifyPool = VerifyPool.create(2);
    private final ExecutorService installPool = Executors.newCachedThreadPool();
    private final ContractRegistry contracts = ContractRegistry.builtIns();
    private final ClientId client = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final AtomicLong documents = new AtomicLong();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private RaftGroup group;

    @AfterEach
    void stop() {
        members.values().forEach(Member::stop);
        installPool.shutdownNow();
        verifyPool.shutdownNow();
    }

    @Test
    void a_follower_installing_a_checkpoint_catches_up_with_a_new_leader_whose_log_still_holds_its_next_entry()
            throws Exception {
        Member a = new Member("a", 5);
        Member b = new Member("b", 1_000_000);
        Member c = new Member("c", 5);
        long cNext = stopWhileLeaderPurges(a, c);
        assertThat(b.server.getDivision(groupId).getRaftLog().getStartIndex()).as("b's log start").isLessThan(cNext);

        // restarted, c is told by a to install a checkpoint; a hands the leadership to b meanwhile
        CountDownLatch installing = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        c.start((runtime, leader) -> {
            installing.countDown();
            release.join();
            return copyCheckpoint(runtime, leader);
        });
        assertThat(installing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("c was told to install a checkpoint")
                .isTrue();
        lead(b);
        release.complete(null);

        propose(b, 3);
        long target = b.runtime.appliedIndex();
        await("c applies what b applied (" + target + ")").atMost(WAIT)
                .untilAsserted(() -> assertThat(c.runtime.appliedIndex()).as("c's applied index")
                        .isGreaterThanOrEqualTo(target));
        assertThat(c.runtime.ledger().height()).isEqualTo(b.runtime.ledger().height());
        propose(b, 6);
        awaitApplied(c, b.runtime.appliedIndex());
        long applied = c.runtime.appliedIndex();
        await("c snapshots its ledger again").atMost(WAIT).until(() ->
                c.server.getDivision(groupId).getStateMachine().getLatestSnapshot().getIndex() >= applied - 5);
    }

    @Test
    void a_follower_that_installed_a_checkpoint_goes_on_with_the_leader_that_told_it_to() throws Exception {
        Member a = new Member("a", 5);
        Member b = new Member("b", 5);
        Member c = new Member("c", 5);
        stopWhileLeaderPurges(a, c);

        c.start(this::copyCheckpoint);
        propose(a, 3);
        awaitApplied(c, a.runtime.appliedIndex());
        assertThat(c.runtime.ledger().height()).isEqualTo(a.runtime.ledger().height());
        propose(a, 6);
        awaitApplied(c, a.runtime.appliedIndex());
        awaitApplied(b, a.runtime.appliedIndex());
    }

    /**
     * A follower stopped right after the last entry of a term, while the next leader's log then
     * starts with the entry after it: the new term opened a log segment, and the leader's snapshot
     * let it purge the segment of the term before. Ratis takes the term of the entry before its
     * log from the snapshot only; named at the applied index, the leader told the follower over
     * and over to install a snapshot, and the follower answered each time that it had (ChaosIT
     * once: a node restarted after a kill stayed at height 2303 while the others went on).
     */
    @Test
    void a_follower_stopped_at_the_last_entry_of_a_term_catches_up_with_a_leader_whose_log_starts_after_it()
            throws Exception {
        // segments far larger than the test writes: only the change of term closes one
        Member a = new Member("a", 1_000_000, 1 << 20);
        Member b = new Member("b", 5, 1 << 20);
        Member c = new Member("c", 1_000_000, 1 << 20);
        group = RaftGroup.valueOf(groupId, members.values().stream().map(Member::peer).toList());
        members.values().forEach(m -> m.start(this::copyCheckpoint));
        lead(a);
        propose(a, 3);
        long lastOfTerm = a.server.getDivision(groupId).getRaftLog().getLastEntryTermIndex().getIndex();
        awaitApplied(c, lastOfTerm);
        assertThat(c.server.getDivision(groupId).getRaftLog().getNextIndex()).as("c's next entry")
                .isEqualTo(lastOfTerm + 1);
        c.stop();

        lead(b);
        propose(b, 12);
        await("b purged the log of the term before, up to " + lastOfTerm).atMost(WAIT)
                .until(() -> b.server.getDivision(groupId).getRaftLog().getStartIndex() == lastOfTerm + 1);
        assertThat(b.runtime.appliedIndex()).as("b's ledger, beyond its log's first entry").isGreaterThan(lastOfTerm + 1);

        c.start(this::copyCheckpoint);
        propose(b, 3);
        awaitApplied(c, b.runtime.appliedIndex());
        assertThat(c.runtime.ledger().height()).isEqualTo(b.runtime.ledger().height());
        assertThat(c.runtime.ledger().block(c.runtime.ledger().height() - 1).orElseThrow().getHash())
                .isEqualTo(b.runtime.ledger().block(b.runtime.ledger().height() - 1).orElseThrow().getHash());
    }

    /**
     * Starts the members with {@code leader} leading, then stops {@code follower} while the leader
     * commits, snapshots and purges its log past the follower's next entry.
     *
     * @return the follower's next entry
     */
    private long stopWhileLeaderPurges(Member leader, Member follower) throws Exception {
        group = RaftGroup.valueOf(groupId, members.values().stream().map(Member::peer).toList());
        members.values().forEach(m -> m.start(this::copyCheckpoint));
        lead(leader);
        propose(leader, 3);
        awaitApplied(follower, leader.runtime.appliedIndex());
        long next = follower.server.getDivision(groupId).getRaftLog().getNextIndex();
        follower.stop();
        propose(leader, 30);
        await(leader.id + " purged its log past " + follower.id + "'s next entry " + next).atMost(WAIT)
                .until(() -> leader.server.getDivision(groupId).getRaftLog().getStartIndex() > next);
        return next;
    }

    /** What ChannelManager's installer does, with the leader's checkpoint taken here instead of over its API. */
    private TermIndex copyCheckpoint(ChannelRuntime runtime, String leader) {
        Member from = members.get(leader);
        Path incoming = members.values().stream().filter(m -> m.runtime == runtime).findFirst().orElseThrow()
                .home.resolve("channel").resolve("ledger.incoming");
        from.runtime.checkpoint(incoming);
        runtime.installCheckpoint(incoming);
        return TermIndex.valueOf(runtime.appliedTerm(), runtime.appliedIndex());
    }

    private void lead(Member next) {
        await(next.id + " leads").atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            if (next.isLeader()) {
                return true;
            }
            for (Member m : members.values()) {
                if (m.server != null && m.isLeader()) {
                    m.server.transferLeadershipAsync(new TransferLeadershipRequest(client, m.server.getId(), groupId,
                            callIds.incrementAndGet(), RaftPeerId.valueOf(next.id), 5_000)).get(10, TimeUnit.SECONDS);
                }
            }
            return next.isLeader();
        });
    }

    /** Commits {@code count} batches through {@code leader}, one notarization each. */
    private void propose(Member leader, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String document = String.format("%064x", documents.incrementAndGet());
            TransactionBatch batch = network.batch(
                    network.client("Org1").call("notarization", "record", document, "x").build());
            RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(client)
                    .setServerId(leader.server.getId()).setGroupId(groupId).setCallId(callIds.incrementAndGet())
                    .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.toByteArray())))
                    .setType(RaftClientRequest.writeRequestType()).build();
            RaftClientReply reply = leader.server.submitClientRequestAsync(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply.isSuccess()).as("batch committed by %s: %s", leader.id, reply.getException()).isTrue();
        }
    }

    private void awaitApplied(Member member, long index) {
        await(member.id + " applies " + index).atMost(WAIT)
                .until(() -> member.runtime.appliedIndex() >= index);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One node: a channel ledger and its Raft member, stopped and started over the same directories. */
    private final class Member {
        final String id;
        final Path home;
        final NodeConfig config;
        ChannelRuntime runtime;
        RaftServer server;
        boolean started;

        Member(String id, long snapshotThreshold) {
            this(id, snapshotThreshold, 1_024);
        }

        Member(String id, long snapshotThreshold, long segmentBytes) {
            this.id = id;
            this.home = dir.resolve(id);
            // entries of about a kilobyte in segments of a kilobyte: a snapshot lets the log be purged.
            // Elections only when the test moves the leadership, even on a loaded machine.
            this.config = new NodeConfig(id, "Org1", home, null, null, null,
                    new NodeConfig.Raft("127.0.0.1", freePort(), snapshotThreshold, 3_000, 6_000, segmentBytes),
                    null, null, null);
            members.put(id, this);
        }

        RaftPeer peer() {
            return RaftPeer.newBuilder().setId(id).setAddress(config.raft().address()).build();
        }

        void start(BiFunction<ChannelRuntime, String, TermIndex> installer) {
            runtime = new ChannelRuntime(genesis, home.resolve("channel"), verifyPool, ExecutionLimits.defaults(),
                    contracts, new NodeMetrics());
            ChannelStateMachine machine = new ChannelStateMachine(runtime, installer, installPool, leader -> { },
                    new ChannelStateMachine.MemberFailures() {
                        @Override
                        public void logFailed(Throwable cause) {
                            throw new AssertionError(id + "'s Raft log failed", cause);
                        }

                        @Override
                        public void applyFailed(long index, Throwable cause) {
                            throw new AssertionError(id + " failed to apply entry " + index, cause);
                        }
                    });
            try {
                server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(id)).setGroup(group)
                        .setProperties(RaftNode.properties(config)).setStateMachine(machine)
                        .setOption(started ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                        .build();
                server.start();
                started = true;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean isLeader() throws IOException {
            return server.getDivision(groupId).getInfo().isLeaderReady();
        }

        void stop() {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                server = null;
                if (runtime != null) {
                    runtime.close();
                    runtime = null;
                }
            }
        }
    }
}
