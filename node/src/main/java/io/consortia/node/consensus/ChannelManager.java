package io.consortia.node.consensus;

import io.consortia.common.DaemonThreads;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.node.execution.ExecutionLimits;
import io.consortia.wasm.WasmConfig;
import io.consortia.node.metrics.NodeMetrics;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this node serves: their configuration on disk, their runtimes, their Raft groups
 * and batchers. A channel's config is written to {@code <dataDir>/channels/<name>/channel.pb}
 * before its Raft group starts, so after a restart the node knows every group Ratis reloads.
 */
public final class ChannelManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelManager.class);
    private static final String CONFIG_FILE = "channel.pb";
    /** How long a batch is routed to whoever leads before its transactions are reported as not ordered. */
    private static final java.time.Duration ORDERING_BUDGET = java.time.Duration.ofSeconds(30);
    private static final String PARKED = ".unusable-channel";
    /** Left in a channel's directory by a restore from a backup (node.backup.NodeRestore); taken at the next start. */
    public static final String RESTORED_MARK = "restored-from-backup";

    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final ContractRegistry contracts;
    private final ExecutionLimits limits;
    /** The node's WebAssembly engine and module cache, shared by its channels (keys name the channel). */
    private final WasmContracts wasm;
    private final ExecutorService verifyPool;
    private final ExecutorService installPool = Executors.newCachedThreadPool(
            DaemonThreads.named("checkpoint-install"));
    private final CheckpointClient checkpoints;
    private final LeaderHandOff handOff;
    private final BatchRouter router;
    private final Map<String, ChannelRuntime> channels = new ConcurrentHashMap<>();
    private final Map<RaftGroupId, ChannelRuntime> byGroup = new ConcurrentHashMap<>();
    /**
     * Channels being joined whose Raft member has not started yet. Their API answers UNAVAILABLE
     * meanwhile: the leader adds a member to the Raft group once its API answers for the channel,
     * and a first message from the leader while the member starts fails the start in Ratis 3.3.0.
     */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    private final Map<String, Batcher> batchers = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** Channels whose Raft member stopped (its log or an apply failed), with why, until the node restarts. */
    private final Map<String, String> memberFailures = new ConcurrentHashMap<>();
    /** Channels created here whose Raft group failed to start, with why (see {@link #startGroup}). */
    private final Map<String, String> ungrouped = new ConcurrentHashMap<>();
    private final RaftNode raft;
    private final TlsMaterial tls;
    private static final long LEAVE_RETRY_MILLIS = 200;
    private final ScheduledExecutorService membership = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("membership"));
    private final MembershipReconciler reconciler;
    /** Channels this node no longer serves: a committed configuration removed it (ledger kept, read-only). */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    /** The committed configuration each channel was last seen with, to act once per change. */
    private final Map<String, ChannelConfig> seen = new ConcurrentHashMap<>();

    public ChannelManager(NodeConfig config, TlsMaterial tls, NodeMetrics metrics, ContractRegistry contracts) {
        this.config = config;
        this.tls = tls;
        this.metrics = metrics;
        this.contracts = contracts;
        this.limits = new ExecutionLimits(config.limits().maxTransactionBytes(),
                config.limits().timestampWindowMillis(), ExecutionLimits.defaults().maxArgs());
        this.verifyPool = Executors.newFixedThreadPool(config.limits().verifyThreadCount(), DaemonThreads.named("verify"));
        this.wasm = new WasmContracts(WasmConfig.defaults().withFuelPerCall(config.wasm().fuelPerCall())
                .withMemoryPagesPerCall(config.wasm().memoryPagesPerCall()));
        this.checkpoints = new CheckpointClient(tls);
        // a hand-off that outlives a few election timeouts waits for a leader nobody replaced; order it again
        java.time.Duration handOffDeadline = java.time.Duration.ofMillis(3L * config.raft().electionTimeoutMaxMillis());
        this.handOff = new LeaderHandOff(tls, handOffDeadline);
        loadChannels();
        this.raft = new RaftNode(config, tls, this::stateMachine, new RaftPortGuard.Channels() {
            @Override
            public Optional<Set<String>> organizations(RaftGroupId group) {
                return Optional.ofNullable(byGroup.get(group)).map(runtime -> runtime.config().getOrganizationsList()
                        .stream().map(io.consortia.protocol.v1.Organization::getName)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
            }

            @Override
            public Optional<String> stopped(RaftGroupId group) {
                return Optional.ofNullable(byGroup.get(group)).map(runtime -> memberFailures.get(runtime.name()));
            }
        });
        this.router = new BatchRouter(config.nodeId(), raft, handOff, ORDERING_BUDGET, handOffDeadline,
                Math.max(20, config.raft().electionTimeoutMinMillis() / 10), ChannelManager::idOf);
        this.reconciler = new MembershipReconciler(config.nodeId(), raft,
                name -> Optional.ofNullable(channels.get(name)).map(ChannelRuntime::config), membership,
                3L * config.raft().electionTimeoutMaxMillis(), this::serves);
        refreshTrust();
    }

    /**
     * Opens every stored channel. A channel whose files cannot be used (unreadable or invalid
     * configuration, a ledger that does not open) is recorded as failed and left on disk as it is
     * for the operator; the node serves its other channels rather than refusing to start.
     */
    private void loadChannels() {
        Path dir = config.channelsDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> channelDirs;
        try (var list = Files.list(dir)) {
            channelDirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new ChannelException("cannot read channels from " + dir + ": " + e.getMessage(), e);
        }
        for (Path channelDir : channelDirs) {
            Path file = channelDir.resolve(CONFIG_FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String name = channelDir.getFileName().toString();
            try {
                ChannelConfig channel = ChannelConfig.parseFrom(Files.readAllBytes(file));
                ChannelConfigValidator.validate(channel, config.nodeId());
                if (!channel.getName().equals(name)) {
                    throw new ChannelException("the configuration names channel '" + channel.getName() + "'");
                }
                open(channel);
                unpark(name);
            } catch (IOException | RuntimeException e) {
                String reason = file + " cannot be used: " + e.getMessage();
                failed.put(name, reason);
                LOG.error("channel {} is NOT served: {}. The node serves its other channels; fix or remove {} and"
                        + " restart", name, reason, channelDir);
                park(name);
            }
        }
    }

    /**
     * Ratis starts every group it finds in its storage, and a group whose channel did not open has
     * no state machine, which would stop the whole Raft server. So the group's directory is renamed
     * to a name Ratis ignores (not a group id), kept intact, and renamed back once the channel opens.
     */
    private void park(String channel) {
        Path group = raftGroupDir(channel);
        Path parked = group.resolveSibling(group.getFileName() + PARKED);
        try {
            if (Files.isDirectory(group) && !Files.exists(parked)) {
                Files.move(group, parked, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("channel {}: its Raft log {} is set aside as {} until the channel opens again", channel,
                        group, parked);
            }
        } catch (IOException e) {
            throw new ChannelException("cannot set aside the Raft log of unusable channel " + channel + ": "
                    + e.getMessage(), e);
        }
    }

    private void unpark(String channel) throws IOException {
        Path group = raftGroupDir(channel);
        Path parked = group.resolveSibling(group.getFileName() + PARKED);
        if (Files.isDirectory(parked) && !Files.exists(group)) {
            Files.move(parked, group, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("channel {}: its Raft log set aside while it could not open is back in use", channel);
        }
    }

    private Path raftGroupDir(String channel) {
        return config.raftDir().resolve(RaftNode.groupId(channel).getUuid().toString());
    }

    /**
     * Channels not served, with the reason: their stored files could not be used at start, or their
     * Raft group did not start (see {@link #startGroup}).
     */
    public Map<String, String> failed() {
        // a group that did not start is listed, not DOWN: a restart loop would not cure what caused it
        Map<String, String> all = new java.util.TreeMap<>(ungrouped);
        all.putAll(failed);
        return all;
    }

    /**
     * Served channels whose Raft member has stopped, with the reason: its log could not be
     * written (a full disk, an I/O error; see {@link #memberLogFailed}), applying a committed
     * entry failed (Ratis then closes it), or Ratis closed it for another reason. The node still answers, but no longer follows the
     * channel until it restarts and reopens the member from its log.
     */
    public Map<String, String> stoppedMembers() {
        Map<String, String> stopped = new java.util.TreeMap<>(memberFailures);
        for (ChannelRuntime runtime : channels.values()) {
            if (removed.contains(runtime.name()) || stopped.containsKey(runtime.name())) {
                continue;
            }
            raft.info(runtime.name()).filter(info -> !info.isAlive()).ifPresent(info -> stopped.put(runtime.name(),
                    "its Raft member stopped (Ratis state " + info.getLifeCycleState() + "): the node no longer"
                            + " follows this channel. The node's log says why; fix that and restart the node"));
        }
        return stopped;
    }

    private ChannelRuntime open(ChannelConfig channel) {
        ChannelRuntime runtime = new ChannelRuntime(channel, config.channelsDir().resolve(channel.getName()),
                verifyPool, limits, contracts, wasm, metrics);
        channels.put(channel.getName(), runtime);
        byGroup.put(RaftNode.groupId(channel.getName()), runtime);
        LOG.info("channel {} opened at height {}", channel.getName(), runtime.ledger().height());
        return runtime;
    }

    private StateMachine stateMachine(RaftGroupId groupId) {
        ChannelRuntime runtime = byGroup.get(groupId);
        if (runtime == null) {
            throw new ChannelException("Raft group " + groupId + " belongs to no known channel");
        }
        memberFailures.remove(runtime.name()); // a new member, with a log of its own
        return new ChannelStateMachine(runtime, this::installCheckpoint, installPool, leader -> {
            metrics.leaderChanged(runtime.name());
            if (router != null) {
                router.leaderChanged(runtime.name(), leader);
            }
            if (reconciler != null && leader.equals(config.nodeId())) {
                // a new leader first commits an entry of its term; the round waits until it is ready
                membership.schedule(() -> reconciler.reconcile(runtime.name()), 500, TimeUnit.MILLISECONDS);
            }
        }, new ChannelStateMachine.MemberFailures() {
            @Override
            public void logFailed(Throwable cause) {
                memberLogFailed(runtime, cause);
            }

            @Override
            public void applyFailed(long index, Throwable cause) {
                memberFailed(runtime, "applying committed entry " + index + " failed (" + rootOf(cause)
                        + "): the node no longer follows this channel. Fix the cause (free space under "
                        + config.channelsDir() + ", for a full disk), then restart the node", cause);
            }
        });
    }

    /**
     * Ratis' log worker fails every write after the first failure, so the member cannot follow
     * the channel again until it is reopened; left open, it would fail each of the leader's
     * retries (two logged stack traces each, tens of megabytes of log a minute). So it is closed
     * (its log stays, for the restart) and reported on /health until the node restarts.
     */
    private void memberLogFailed(ChannelRuntime runtime, Throwable cause) {
        if (memberFailed(runtime, "its Raft log cannot be written (" + rootOf(cause) + "): the node no longer follows"
                + " this channel. Free space or fix the disk under " + config.raftDir() + ", then restart the node",
                cause)) {
            membership.execute(() -> raft.closeMember(runtime.name()));
        }
    }

    /** Records the first failure of the channel's member (logged once); false if one was recorded already. */
    private boolean memberFailed(ChannelRuntime runtime, String reason, Throwable cause) {
        if (memberFailures.putIfAbsent(runtime.name(), reason) != null) {
            return false;
        }
        LOG.error("channel {}: {}", runtime.name(), reason, cause);
        return true;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private TermIndex installCheckpoint(ChannelRuntime runtime, String leaderNodeId) {
        var peer = runtime.config().getPeersList().stream()
                .filter(p -> p.getNodeId().equals(leaderNodeId)).findFirst()
                .orElseThrow(() -> new ChannelException("leader " + leaderNodeId + " is not a peer of channel "
                        + runtime.name()));
        Path incoming = config.channelsDir().resolve(runtime.name()).resolve("ledger.incoming");
        checkpoints.fetch(peer.getApiAddress(), runtime.name(), incoming);
        runtime.installCheckpoint(incoming);
        return TermIndex.valueOf(runtime.appliedTerm(), runtime.appliedIndex());
    }

    /**
     * Fetches a checkpoint of the channel from the first peer that gives one, into {@code target}.
     * A joining node never writes a genesis of its own: the channel exists elsewhere, and a ledger
     * started from block 0 under the current configuration would not be the channel's ledger.
     */
    private void fetchFromPeers(ChannelConfig channel, Path target) {
        List<String> reasons = new java.util.ArrayList<>();
        for (var peer : channel.getPeersList()) {
            if (peer.getNodeId().equals(config.nodeId())) {
                continue;
            }
            try {
                checkpoints.fetch(peer.getApiAddress(), channel.getName(), target);
                return;
            } catch (ChannelException e) {
                LOG.warn("channel {}: no checkpoint from {} ({}); trying the next peer", channel.getName(),
                        peer.getNodeId(), e.getMessage());
                reasons.add(peer.getNodeId() + ": " + e.getMessage());
            }
        }
        throw new JoinUnavailableException("cannot join channel " + channel.getName()
                + ": no peer gave a checkpoint of its ledger (" + (reasons.isEmpty() ? "it has no other peer"
                : String.join("; ", reasons)) + "); nothing was stored, try again once a peer is reachable");
    }

    /** Starts Raft and every known channel's group and batcher. */
    public void start() {
        raft.start();
        for (ChannelRuntime runtime : channels.values()) {
            seen.put(runtime.name(), runtime.config());
            if (!isPeer(runtime.config())) {
                stopServing(runtime);
                continue;
            }
            if (takeRestoredMark(runtime.name())) {
                // restored from a backup, its Raft storage gone: the leader still counts the entries this node had
                // acknowledged before, and would never resend them, so start from a peer's checkpoint (see NodeRestore)
                bootstrapFromPeer(runtime);
            }
            try {
                startGroup(runtime);
            } catch (RuntimeException e) {
                LOG.error("channel {}: its Raft group did not start; the node serves its other channels", runtime.name(),
                        e);
            }
        }
        long period = Math.max(1_000, 2L * config.raft().electionTimeoutMaxMillis());
        membership.scheduleWithFixedDelay(this::watchAll, period, period, TimeUnit.MILLISECONDS);
    }

    private boolean isPeer(ChannelConfig channel) {
        return channel.getPeersList().stream().anyMatch(p -> p.getNodeId().equals(config.nodeId()));
    }

    /** Reacts to the channel's committed configuration changes (see {@link #configCommitted}). */
    private void watch(ChannelRuntime runtime) {
        runtime.onConfigCommitted((c, block) -> {
            try {
                membership.execute(() -> configCommitted(runtime)); // the apply thread must not wait
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        });
    }

    /**
     * The periodic round: catches configuration changes whose notification was missed (and every
     * change, where no notification exists) and lets the reconciler retry what failed before.
     */
    private void watchAll() {
        for (ChannelRuntime runtime : channels.values()) {
            try {
                configCommitted(runtime);
                // a removed node whose Raft member stays may still lead the group: see stopServing
                if (!removed.contains(runtime.name()) || raft.hasGroup(runtime.name())) {
                    reconciler.reconcile(runtime.name());
                }
            } catch (RuntimeException e) {
                LOG.warn("channel {}: membership round failed: {}", runtime.name(), e.toString());
            }
        }
    }

    /** On the membership thread, after a configuration committed: trust, membership, this node's part. */
    private void configCommitted(ChannelRuntime runtime) {
        ChannelConfig current = runtime.config();
        if (current.equals(seen.get(runtime.name()))) {
            return;
        }
        seen.put(runtime.name(), current);
        LOG.info("channel {}: configuration version {} is in force", runtime.name(), current.getVersion());
        refreshTrust();
        if (!isPeer(current)) {
            stopServing(runtime);
        } else {
            reconciler.request(runtime.name());
        }
    }

    /**
     * TLS trust follows the committed configurations of every channel this node serves, and the
     * organisations they removed (read from the ledgers, so a restart withdraws them again).
     */
    private synchronized void refreshTrust() {
        if (tls != null) {
            tls.trustChannels(channels.values().stream().map(ChannelRuntime::config).toList(),
                    channels.values().stream().flatMap(runtime -> runtime.ledger().removedOrganizations().stream())
                            .toList());
        }
    }

    /**
     * A committed configuration no longer lists this node: it stops taking part (its Raft member
     * and log go; a member left behind would only try to vote or catch up), refuses new
     * transactions, and keeps its ledger readable up to the block that removed it.
     */
    private void stopServing(ChannelRuntime runtime) {
        if (!removed.add(runtime.name())) {
            return;
        }
        LOG.warn("channel {}: this node is no longer a peer (configuration version {}); it stops serving the"
                + " channel and keeps its ledger readable", runtime.name(), runtime.config().getVersion());
        Batcher batcher = batchers.remove(runtime.name());
        if (batcher != null) {
            batcher.close();
        }
        runtime.connectOrderer(txs -> runtime.orderingFailed(txs.stream().map(tx -> idOf(runtime, tx)).toList(),
                new ChannelException("this node no longer serves channel " + runtime.name()
                        + ": a committed configuration removed it; submit through a current peer")));
        leaveGroupWhenNotNeeded(runtime.name(), true);
        // While its member stays it may lead the group, and only the leader moves Ratis towards the
        // configuration that let it go (it hands the leadership over first, then the next leader
        // demotes and drops it). Reconciling only as a peer left a removed leader leading for good:
        // its followers followed a leader that ordered nothing, and the channel had no working
        // leader (a leader removed back to back with its demotion, or whose organisation left).
        reconciler.request(runtime.name());
    }

    /**
     * Stops the channel's Raft member once the group no longer needs its vote ({@link
     * RaftNode#mayLeave}), looking again every {@value #LEAVE_RETRY_MILLIS} ms until then: the
     * leader proposes the Raft change after the channel configuration that removed this node.
     */
    private void leaveGroupWhenNotNeeded(String channel, boolean first) {
        try {
            if (!raft.mayLeave(channel)) {
                if (first) {
                    LOG.info("channel {}: this node's Raft member stays until the group's configuration no longer"
                            + " needs its vote", channel);
                }
                membership.schedule(() -> leaveGroupWhenNotNeeded(channel, false), LEAVE_RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
                return;
            }
            raft.removeGroup(channel);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the node is stopping: its member stops with it, and the next start looks again
        } catch (RuntimeException e) {
            LOG.warn("channel {}: stopping its Raft member failed: {}", channel, e.getMessage());
        }
    }

    /**
     * Whether the peer answers for the channel on its API (it has joined it). Asked by the leader
     * before it adds the peer to the channel's Raft group; blocking, briefly, on the membership thread.
     */
    private boolean serves(String channel, io.consortia.protocol.v1.Peer peer) {
        if (peer.getNodeId().equals(config.nodeId())) {
            return true;
        }
        io.grpc.ManagedChannel grpc = PeerConnections.open(peer.getApiAddress(), tls);
        try {
            io.consortia.protocol.v1.LedgerServiceGrpc.newBlockingStub(grpc).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .getChainInfo(io.consortia.protocol.v1.ChainInfoRequest.newBuilder().setChannel(channel).build());
            return true;
        } catch (RuntimeException e) {
            LOG.debug("channel {}: {} does not serve it yet: {}", channel, peer.getNodeId(), e.toString());
            return false;
        } finally {
            grpc.shutdownNow();
        }
    }

    /** A restored channel starts from a peer's checkpoint (see NodeRestore); without one it follows the Raft log. */
    private void bootstrapFromPeer(ChannelRuntime runtime) {
        Path incoming = config.channelsDir().resolve(runtime.name()).resolve("ledger.incoming");
        for (var peer : runtime.config().getPeersList()) {
            if (peer.getNodeId().equals(config.nodeId())) {
                continue;
            }
            try {
                checkpoints.fetch(peer.getApiAddress(), runtime.name(), incoming);
                runtime.installCheckpoint(incoming);
                return;
            } catch (ChannelException e) {
                LOG.warn("channel {}: no checkpoint from {} ({}); trying the next peer", runtime.name(),
                        peer.getNodeId(), e.getMessage());
            }
        }
        LOG.warn("channel {}: no peer gave a checkpoint; catching up through Raft alone", runtime.name());
    }

    /** Whether a committed configuration removed this node from the channel. */
    public boolean isRemoved(String channel) {
        return removed.contains(channel);
    }

    private boolean takeRestoredMark(String channel) {
        Path mark = config.channelsDir().resolve(channel).resolve(RESTORED_MARK);
        try {
            return Files.deleteIfExists(mark);
        } catch (IOException e) {
            throw new ChannelException("cannot remove " + mark + ": " + e.getMessage(), e);
        }
    }

    private void connect(ChannelRuntime runtime) {
        Batcher batcher = batchers.computeIfAbsent(runtime.name(), name -> new Batcher(name, config.batching(),
                batch -> order(runtime, batch),
                tx -> idOf(runtime, tx),
                runtime::orderingFailed,
                () -> raft.info(name).map(DivisionInfo::isLeader).orElse(false)));
        runtime.connectOrderer(batcher::enqueue);
    }

    /** Orders a batch through whoever leads the channel: see {@link BatchRouter}. */
    private CompletableFuture<?> order(ChannelRuntime runtime, TransactionBatch batch) {
        return router.order(runtime, batch);
    }

    /**
     * Takes transactions another node admitted, to order them with this node's (this node must be
     * the channel's leader). Completes once they are committed by Raft.
     */
    public CompletableFuture<Void> orderForPeer(String channel, List<Transaction> transactions) {
        ChannelRuntime runtime = require(channel);
        if (!raft.info(runtime.name()).map(DivisionInfo::isLeader).orElse(false)) {
            throw new ChannelException("this node is not the leader of channel " + channel);
        }
        Batcher batcher = batchers.get(channel);
        if (batcher == null) {
            throw new ChannelException("channel " + channel + " is not ready: its Raft group is still starting");
        }
        return batcher.enqueueTracked(transactions);
    }

    private static String idOf(ChannelRuntime runtime, Transaction tx) {
        return io.consortia.crypto.Hashes.hex(runtime.ledger().hash().digest(tx.getPayload().toByteArray()));
    }

    /**
     * Creates a channel on this node from its genesis configuration. Idempotent: asked again for
     * a channel it already serves, at a version not newer than the one in force, it answers with
     * that channel.
     */
    public synchronized ChannelRuntime create(ChannelConfig channel) {
        ChannelConfigValidator.validate(channel, config.nodeId());
        Optional<ChannelRuntime> existing = existing(channel);
        if (existing.isPresent()) {
            if (ungrouped.containsKey(channel.getName())) {
                startGroup(existing.get()); // the same genesis again: its Raft group did not start the first time
            }
            return existing.get();
        }
        ChannelRuntime runtime = store(channel, null);
        refreshTrust();
        startGroup(runtime);
        return runtime;
    }

    /**
     * Starts a created channel's Raft group. When Ratis cannot (no direct memory for its log, an
     * unusable storage directory), the genesis stays stored and served for reading, the channel is
     * reported on /health, and creating it again (or restarting the node) starts the group once
     * the cause is gone. Deleting it instead would be wrong when the group did start elsewhere.
     */
    private void startGroup(ChannelRuntime runtime) {
        String name = runtime.name();
        try {
            raft.addGroup(runtime.config());
        } catch (RuntimeException e) {
            ungrouped.put(name, "its Raft group did not start (" + rootOf(e) + "): the node does not follow this"
                    + " channel. Fix the cause, then create the channel again with the same configuration or restart"
                    + " the node");
            throw e;
        }
        ungrouped.remove(name);
        connect(runtime);
        watch(runtime);
        seen.put(name, runtime.config());
    }

    /**
     * Joins a channel that runs elsewhere, with its CURRENT configuration (in which this node is a
     * peer, normally a LEARNER): the node first installs a checkpoint of the ledger from a peer,
     * then starts its Raft member (as a listener when it is a learner), which catches up from the
     * log. Without a checkpoint it refuses ({@link JoinUnavailableException}) and stores nothing.
     */
    public synchronized ChannelRuntime join(ChannelConfig channel) {
        ChannelConfigValidator.validate(channel, config.nodeId());
        Optional<ChannelRuntime> existing = existing(channel);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path incoming = config.channelsDir().resolve("." + channel.getName() + ".joining");
        ChannelRuntime runtime;
        starting.add(channel.getName());
        try {
            fetchFromPeers(channel, incoming);
            runtime = store(channel, incoming);
        } catch (RuntimeException e) {
            starting.remove(channel.getName());
            throw e;
        } finally {
            deleteQuietly(incoming);
        }
        try {
            ChannelConfig inForce = runtime.config();
            if (!isPeer(inForce) && inForce.getVersion() >= channel.getVersion()) {
                // a peer that only lags may give an older version; the log then brings the one that adds us
                throw new ChannelException("cannot join channel " + channel.getName() + ": its configuration in"
                        + " force (version " + inForce.getVersion() + ") does not list " + config.nodeId()
                        + "; commit the configuration change that adds it as a learner first");
            }
            raft.addGroup(channel);
        } catch (RuntimeException e) {
            // a join that did not start its Raft member leaves nothing behind: it may simply be tried again
            channels.remove(runtime.name());
            byGroup.remove(RaftNode.groupId(runtime.name()));
            runtime.close();
            deleteQuietly(config.channelsDir().resolve(runtime.name()));
            throw e;
        } finally {
            starting.remove(channel.getName());
        }
        LOG.info("channel {}: joined: installed checkpoint at height {} (applied index {}, configuration version {});"
                + " catching up from the log", runtime.name(), runtime.ledger().height(), runtime.appliedIndex(),
                runtime.config().getVersion());
        refreshTrust();
        connect(runtime);
        watch(runtime);
        seen.put(runtime.name(), runtime.config());
        return runtime;
    }

    /** The channel this node already has under that name, when the request asks nothing newer of it. */
    private Optional<ChannelRuntime> existing(ChannelConfig channel) {
        ChannelRuntime existing = channels.get(channel.getName());
        if (existing != null) {
            long inForce = Math.max(1, existing.config().getVersion());
            long asked = Math.max(1, channel.getVersion());
            if (asked > inForce) {
                throw new ChannelException("channel " + channel.getName() + " already exists on this node at"
                        + " configuration version " + inForce + "; version " + asked + " comes into force through a"
                        + " committed configuration change, not by creating or joining the channel again");
            }
            return Optional.of(existing);
        }
        if (failed.containsKey(channel.getName())) {
            throw new ChannelException("channel " + channel.getName() + " has unusable files on this node ("
                    + failed.get(channel.getName()) + "); fix or remove them and restart the node");
        }
        return Optional.empty();
    }

    /**
     * Writes the channel's configuration and opens its ledger: a new genesis when {@code checkpoint}
     * is null, else the checkpoint moved into place. Nothing stays on disk when this fails.
     */
    private ChannelRuntime store(ChannelConfig channel, Path checkpoint) {
        Path dir = config.channelsDir().resolve(channel.getName());
        boolean existed = Files.exists(dir);
        try {
            Files.createDirectories(dir);
            if (checkpoint != null) {
                Path ledger = dir.resolve("ledger");
                io.consortia.node.util.MoreFiles.deleteRecursively(ledger);
                Files.move(checkpoint, ledger);
            }
            Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
            Files.write(tmp, channel.toByteArray());
            Files.move(tmp, dir.resolve(CONFIG_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return open(channel);
        } catch (IOException | RuntimeException e) {
            // nothing of a channel that did not open may stay on disk: the next start would trip over it
            if (!existed) {
                deleteQuietly(dir);
            }
            if (e instanceof RuntimeException r && !(e instanceof ChannelException)) {
                throw new ChannelException("cannot open channel " + channel.getName() + ": " + r.getMessage(), r);
            }
            throw e instanceof ChannelException c ? c
                    : new ChannelException("cannot store channel " + channel.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            io.consortia.node.util.MoreFiles.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {} of a channel that did not open: {}", dir, e.getMessage());
        }
    }

    public Optional<ChannelRuntime> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    public ChannelRuntime require(String name) {
        if (starting.contains(name)) {
            throw new ChannelStartingException(name);
        }
        ChannelRuntime runtime = channels.get(name);
        if (runtime == null) {
            throw new UnknownChannelException(name);
        }
        return runtime;
    }

    public Collection<ChannelRuntime> all() {
        return List.copyOf(channels.values());
    }

    public RaftNode raft() {
        return raft;
    }

    public int queued(String channel) {
        Batcher b = batchers.get(channel);
        return b == null ? 0 : b.queued();
    }

    @Override
    public void close() {
        reconciler.close();
        batchers.values().forEach(Batcher::close);
        router.close();
        raft.close();
        channels.values().forEach(ChannelRuntime::close);
        wasm.close();
        verifyPool.shutdownNow();
        installPool.shutdownNow();
        checkpoints.close();
        handOff.close();
    }
}
