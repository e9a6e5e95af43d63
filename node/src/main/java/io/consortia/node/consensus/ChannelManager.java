package io.consortia.node.consensus;

import io.consortia.common.DaemonThreads;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.execution.ExecutionLimits;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final ContractRegistry contracts;
    private final ExecutionLimits limits;
    private final ExecutorService verifyPool;
    private final ExecutorService installPool = Executors.newCachedThreadPool(
            DaemonThreads.named("checkpoint-install"));
    private final CheckpointClient checkpoints;
    private final LeaderHandOff handOff;
    private final BatchRouter router;
    private final Map<String, ChannelRuntime> channels = new ConcurrentHashMap<>();
    private final Map<RaftGroupId, ChannelRuntime> byGroup = new ConcurrentHashMap<>();
    private final Map<String, Batcher> batchers = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final RaftNode raft;

    public ChannelManager(NodeConfig config, TlsMaterial tls, NodeMetrics metrics, ContractRegistry contracts) {
        this.config = config;
        this.metrics = metrics;
        this.contracts = contracts;
        this.limits = new ExecutionLimits(config.limits().maxTransactionBytes(),
                config.limits().timestampWindowMillis(), ExecutionLimits.defaults().maxArgs());
        this.verifyPool = Executors.newFixedThreadPool(config.limits().verifyThreadCount(), DaemonThreads.named("verify"));
        this.checkpoints = new CheckpointClient(tls);
        // a hand-off that outlives a few election timeouts waits for a leader nobody replaced; order it again
        java.time.Duration handOffDeadline = java.time.Duration.ofMillis(3L * config.raft().electionTimeoutMaxMillis());
        this.handOff = new LeaderHandOff(tls, handOffDeadline);
        loadChannels();
        this.raft = new RaftNode(config, tls, this::stateMachine);
        this.router = new BatchRouter(config.nodeId(), raft, handOff, ORDERING_BUDGET, handOffDeadline,
                Math.max(20, config.raft().electionTimeoutMinMillis() / 10), ChannelManager::idOf);
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

    /** Channels whose stored files could not be used at start, with the reason; they are not served. */
    public Map<String, String> failed() {
        return Map.copyOf(failed);
    }

    private ChannelRuntime open(ChannelConfig channel) {
        ChannelRuntime runtime = new ChannelRuntime(channel, config.channelsDir().resolve(channel.getName()),
                verifyPool, limits, contracts, metrics);
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
        return new ChannelStateMachine(runtime, this::installCheckpoint, installPool, leader -> {
            metrics.leaderChanged(runtime.name());
            if (router != null) {
                router.leaderChanged(runtime.name(), leader);
            }
        });
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

    /** Starts Raft and every known channel's group and batcher. */
    public void start() {
        raft.start();
        for (ChannelRuntime runtime : channels.values()) {
            raft.addGroup(runtime.config());
            connect(runtime);
        }
    }

    private void connect(ChannelRuntime runtime) {
        Batcher batcher = batchers.computeIfAbsent(runtime.name(), name -> new Batcher(name, config.batching(),
                batch -> order(runtime, batch),
                tx -> idOf(runtime, tx),
                runtime::orderingFailed));
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
     * Creates (or, for a node added later, joins) a channel on this node. Idempotent for the same
     * configuration; a different configuration under an existing name is refused.
     */
    public synchronized ChannelRuntime create(ChannelConfig channel) {
        return create(channel, false);
    }

    /**
     * Joins a channel that already runs elsewhere: an empty node first installs a checkpoint from a
     * peer, so it starts near the head instead of replaying (or being unable to replay) the whole log.
     */
    public synchronized ChannelRuntime join(ChannelConfig channel) {
        return create(channel, true);
    }

    private ChannelRuntime create(ChannelConfig channel, boolean join) {
        ChannelConfigValidator.validate(channel, config.nodeId());
        ChannelRuntime existing = channels.get(channel.getName());
        if (existing != null) {
            // the same request again: the genesis, or the version in force (a join); stored version 0 reads as 1
            ChannelConfig asStored = channel.getVersion() == 0 ? channel.toBuilder().setVersion(1).build() : channel;
            if (!existing.genesisConfig().equals(asStored) && !existing.config().equals(asStored)) {
                throw new ChannelException("channel " + channel.getName()
                        + " already exists on this node with a different configuration");
            }
            return existing;
        }
        if (failed.containsKey(channel.getName())) {
            throw new ChannelException("channel " + channel.getName() + " has unusable files on this node ("
                    + failed.get(channel.getName()) + "); fix or remove them and restart the node");
        }
        Path dir = config.channelsDir().resolve(channel.getName());
        boolean existed = Files.exists(dir);
        ChannelRuntime runtime;
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
            Files.write(tmp, channel.toByteArray());
            Files.move(tmp, dir.resolve(CONFIG_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            runtime = open(channel);
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
        if (join && runtime.appliedIndex() < 0 && !raft.hasGroup(channel.getName())) {
            bootstrapFromPeer(runtime);
        }
        raft.addGroup(channel);
        connect(runtime);
        return runtime;
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
        batchers.values().forEach(Batcher::close);
        router.close();
        raft.close();
        channels.values().forEach(ChannelRuntime::close);
        verifyPool.shutdownNow();
        installPool.shutdownNow();
        checkpoints.close();
        handOff.close();
    }
}
