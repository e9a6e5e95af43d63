package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelRuntime;
import io.consortia.protocol.v1.TransactionBatch;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.impl.CommittedConfigurations;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine of one channel. Each log entry is a {@link TransactionBatch} and becomes
 * one block. The ledger in RocksDB is the state: every block is committed with the Raft term and
 * index it came from, in one synced write, so the state is always durable up to the applied index.
 * That makes a snapshot free (it is just "everything up to the applied index"), makes replay after
 * a crash idempotent (entries at or below the applied index are skipped), and lets a node that is
 * behind the leader's purged log install a RocksDB checkpoint from a peer instead.
 *
 * <p>Threading: Ratis calls {@link #applyTransaction} from one thread per group, in log order.
 */
final class ChannelStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelStateMachine.class);

    private final ChannelRuntime channel;
    private final BiFunction<ChannelRuntime, String, TermIndex> checkpointInstaller;
    private final Executor installExecutor;
    private final java.util.function.Consumer<String> onLeaderChange;
    private final MemberFailures failures;
    private volatile TermIndex snapshot;
    /**
     * The last index Ratis applied here (or reloaded this machine at). Behind the ledger's applied
     * index only after a checkpoint Ratis has not taken (see {@link #notifyInstallSnapshotFromLeader}),
     * while Ratis applies the entries the checkpoint holds (skipped).
     */
    private volatile long raftApplied = -1;
    private volatile RaftLog raftLog;
    /** Whether this member leads the channel's group: only a leader names the entry before its log. */
    private volatile boolean leading;

    ChannelStateMachine(ChannelRuntime channel, BiFunction<ChannelRuntime, String, TermIndex> checkpointInstaller,
                        Executor installExecutor, java.util.function.Consumer<String> onLeaderChange,
                        MemberFailures failures) {
        CheckpointLogFilter.install(); // the ERROR Ratis logs for this machine's installed checkpoints
        this.channel = channel;
        this.failures = failures;
        this.checkpointInstaller = checkpointInstaller;
        this.installExecutor = installExecutor;
        this.onLeaderChange = onLeaderChange;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        // RUNNING is required later: Ratis pauses the machine before reloading an installed checkpoint.
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, storage);
            snapshot = appliedTermIndex();
            raftApplied = snapshot == null ? -1 : snapshot.getIndex();
        }, IOException.class);
    }

    private TermIndex appliedTermIndex() {
        long index = channel.appliedIndex();
        return index < 0 ? null : TermIndex.valueOf(channel.appliedTerm(), index);
    }

    @Override
    public TermIndex getLastAppliedTermIndex() {
        TermIndex applied = appliedTermIndex();
        return applied == null ? TermIndex.INITIAL_VALUE : applied;
    }

    /**
     * The ledger holds every entry up to the applied index, so a snapshot may be named at any
     * applied index whose term is known. Once Raft purged its log, the snapshot is named at the
     * entry just before the log's first one: Ratis 3.3.0's leader takes the term of that entry
     * (which it no longer has) from the snapshot only, and without it never appends to a follower
     * whose next entry is its log's first. It tells that follower to install a snapshot instead,
     * which the follower answers "already installed" (its own snapshot is the entry before), over
     * and over: ChaosIT once, a node restarted after the leadership moved stayed behind for good.
     * A leader's first log entry is typically the first of its term (Raft starts a log segment
     * with each term), and a follower stopped with the last entry of the term before is just
     * there. Named lower, the snapshot only makes Raft apply again (skipped) entries its log holds.
     * A follower's snapshot stays at the applied index: Ratis checks a follower's appends against
     * it, and a follower has no one to name its log's predecessor to.
     */
    @Override
    public SnapshotInfo getLatestSnapshot() {
        TermIndex s = snapshot;
        if (s == null) {
            return null;
        }
        TermIndex beforeLog = entryBeforeLog(s);
        return new LedgerSnapshot(beforeLog == null ? s : beforeLog);
    }

    /** The entry just before the log's first, when the log holds every entry from it up to {@code s}. */
    private TermIndex entryBeforeLog(TermIndex s) {
        // only a log already looked up: Ratis asks for the snapshot while it builds this member
        RaftLog log = raftLog;
        if (log == null || !leading) {
            return null;
        }
        try {
            long before = log.getStartIndex() - 1;
            TermIndex last = log.getLastEntryTermIndex();
            if (before < 0 || before >= s.getIndex() || last == null || last.getIndex() < s.getIndex()) {
                return null;
            }
            java.util.OptionalLong term = channel.termAt(before);
            return term.isPresent() ? TermIndex.valueOf(term.getAsLong(), before) : null;
        } catch (RuntimeException e) {
            return null; // a log being closed: the ledger's own index is still true
        }
    }

    @Override
    public long takeSnapshot() {
        TermIndex applied = appliedTermIndex();
        if (applied == null) {
            return -1;
        }
        if (applied.getIndex() > raftApplied) {
            // a checkpoint Ratis has not taken: a snapshot past the entries Ratis applied would make
            // it refuse the entries after its log as "already there"
            return -1;
        }
        // Raft may purge its log up to the snapshot: the applied index must survive a crash first
        channel.persistApplied();
        snapshot = applied;
        LOG.info("channel {}: snapshot at {} (height {})", channel.name(), applied, channel.ledger().height());
        return applied.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        raftApplied = index;
        if (index <= channel.appliedIndex()) {
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        TransactionBatch batch;
        try {
            batch = TransactionBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // Only nodes propose entries, so this means a bug or corruption: skip it the same way everywhere.
            LOG.error("channel {}: entry {} is not a transaction batch; skipped", channel.name(), index, e);
            channel.recordApplied(entry.getTerm(), index);
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        screenAhead(index);
        try {
            channel.apply(batch, entry.getTerm(), index);
        } catch (RuntimeException e) {
            failures.applyFailed(index, e); // Ratis closes the member when this throws
            throw e;
        }
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * Starts verifying the signatures of the next committed entries while this one is applied:
     * applying is serial (execute, then one synced write), and a node that is behind — typically
     * one whose own clients sent few of the transactions, so that it verifies most signatures at
     * apply rather than at admission — would otherwise verify block after block on this thread
     * between synced writes and fall further behind. Only committed entries are read: they never
     * change. Best effort: a failure only means the entry is verified when applied.
     */
    private void screenAhead(long index) {
        RaftLog log = raftLog();
        if (log == null) {
            return;
        }
        long last = Math.min(log.getLastCommittedIndex(), index + ChannelRuntime.MAX_SCREENED_AHEAD);
        for (long next = index + 1; next <= last; next++) {
            if (channel.isScreenedAhead(next)) {
                continue;
            }
            try {
                LogEntryProto entry = log.get(next);
                if (entry == null || !entry.hasStateMachineLogEntry()) {
                    continue;
                }
                TransactionBatch batch = TransactionBatch.parseFrom(
                        entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
                channel.screenAhead(batch, entry.getTerm(), next);
            } catch (IOException | RuntimeException e) {
                LOG.debug("channel {}: entry {} not screened ahead: {}", channel.name(), next, e.toString());
                return;
            }
        }
    }

    private RaftLog raftLog() {
        RaftLog log = raftLog;
        if (log == null) {
            try {
                RaftServer server = getServer().getNow(null);
                if (server != null) {
                    log = server.getDivision(getGroupId()).getRaftLog();
                    raftLog = log;
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return log;
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        raftApplied = index;
        raftLog(); // for getLatestSnapshot, which must not look it up itself
        // Raft-internal entries (configuration, leader no-ops) advance the index without a block.
        if (index > channel.appliedIndex()) {
            try {
                channel.recordApplied(term, index);
            } catch (RuntimeException e) {
                failures.applyFailed(index, e); // Ratis closes the member when this throws
                throw e;
            }
        }
    }

    /**
     * A committed configuration entry was applied. Ratis 3.3.0 can drop it from a follower's
     * configurations when the same append truncated a dead leader's entries (see
     * {@link org.apache.ratis.server.impl.CommittedConfigurations}); it is recorded again here.
     */
    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newRaftConfiguration) {
        restoreCommitted(this, term, index, newRaftConfiguration);
    }

    static void restoreCommitted(BaseStateMachine machine, long term, long index, RaftConfigurationProto conf) {
        try {
            RaftServer.Division division = machine.getServer().join().getDivision(machine.getGroupId());
            if (CommittedConfigurations.restore(division, term, index, conf)) {
                LOG.warn("group {}: Raft had dropped the committed configuration at index {} (a truncated log);"
                        + " restored: {}", machine.getGroupId(), index, division.getRaftConf());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("group {}: cannot check the committed configuration at index {}: {}", machine.getGroupId(), index,
                    e.toString());
        }
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leading = groupMemberId.getPeerId().equals(newLeaderId);
        LOG.info("channel {}: leader is now {}", channel.name(), newLeaderId);
        onLeaderChange.accept(newLeaderId.toString()); // must not block: Ratis calls this holding its lock
    }

    /**
     * Ratis could not write this member's log (a full disk, an I/O error). Its log worker then
     * fails every later write too, until the member is reopened: called for each of them.
     */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        failures.logFailed(cause); // must not block: called on Ratis' log worker thread
    }

    /** What stopped a member, for the node's health: both leave it unable to follow the channel. */
    interface MemberFailures {
        /** Writing the Raft log failed; every later write will fail too. */
        void logFailed(Throwable cause);

        /** Applying a committed entry failed; Ratis closes the member. */
        void applyFailed(long index, Throwable cause);
    }

    /**
     * The leader has purged entries this member lacks. Ratis 3.3.0 holds the member "installing"
     * from this call until a later notification collects the future's result, and answers every
     * append with INCONSISTENCY (next index: its log's) meanwhile. Only a leader whose log starts
     * after that index notifies, so when the leadership moved during the install to a member that
     * had purged less, nothing collected the checkpoint and the member stayed behind for good
     * (ChaosIT: INCONSISTENCY, next index 5724, from a member whose ledger had applied 5727).
     * So the future carries a checkpoint only when the ledger already holds everything before the
     * leader's log (Ratis takes it within this notification). One fetched here completes the
     * future exceptionally once it is in the ledger: that alone ends Ratis' "installing" at once
     * (Ratis logs that as an ERROR, which {@link CheckpointLogFilter} drops). The member then takes the entries after
     * its log from any leader that has them (those in the checkpoint are skipped when applied), or
     * is notified again and hands over the checkpoint (CheckpointLeaderChangeIT).
     */
    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo,
                                                                       TermIndex firstTermIndexInLog) {
        TermIndex applied = appliedTermIndex();
        if (applied != null && applied.getIndex() + 1 >= firstTermIndexInLog.getIndex()) {
            LOG.info("channel {}: the ledger holds every entry before the leader's log (it starts at {}): applied {}",
                    channel.name(), firstTermIndexInLog, applied);
            snapshot = applied;
            return CompletableFuture.completedFuture(applied);
        }
        String leader = roleInfo.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
        LOG.info("channel {}: behind the leader's log (it starts at {}); installing a checkpoint from {}",
                channel.name(), firstTermIndexInLog, leader);
        CompletableFuture<TermIndex> installing = new CompletableFuture<>();
        installExecutor.execute(() -> {
            try {
                // not the snapshot yet: Ratis would refuse the entries after its own log as "already there"
                TermIndex installed = checkpointInstaller.apply(channel, leader);
                LOG.info("channel {}: checkpoint at {} installed in the ledger; Raft goes on from its log or takes the"
                        + " checkpoint at the leader's next notification", channel.name(), installed);
                installing.completeExceptionally(new CheckpointInstalled(channel.name(), installed));
            } catch (RuntimeException e) {
                installing.completeExceptionally(e);
            }
        });
        return installing;
    }

    /** Ends Ratis' "installing" state once a checkpoint is in the ledger; not a failure. */
    static final class CheckpointInstalled extends RuntimeException {
        /** What {@link CheckpointLogFilter} recognises in the ERROR Ratis logs with this message. */
        static final String MARK = "installed in the ledger; Raft goes on from its log";

        CheckpointInstalled(String channel, TermIndex installed) {
            super("channel " + channel + ": checkpoint at " + installed + " " + MARK
                    + " or takes the checkpoint at the leader's next notification (not a failure)", null, false, false);
        }
    }

    /**
     * Ratis pauses the machine before it reloads an installed checkpoint, and its updater requires
     * PAUSED there (otherwise it fails and closes this Raft member: the node would stop following
     * the channel right after catching up). BaseStateMachine's pause does nothing.
     */
    @Override
    public void pause() {
        if (getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.RUNNING) {
            getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSING);
            getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() {
        // Called after pause() when a checkpoint was installed; the runtime already reopened its ledger.
        if (getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.PAUSED) {
            getLifeCycle().startAndTransition(this::reloaded);
        } else {
            reloaded();
        }
    }

    private void reloaded() {
        snapshot = appliedTermIndex();
        raftApplied = snapshot == null ? -1 : snapshot.getIndex();
    }

    /** The ledger itself is the snapshot, so there are no files to list. */
    private record LedgerSnapshot(TermIndex termIndex) implements SnapshotInfo {
        @Override
        public TermIndex getTermIndex() {
            return termIndex;
        }

        @Override
        public List<FileInfo> getFiles() {
            return List.of();
        }
    }
}
