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
import io.consortia.protocol.v1.Peer;
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

    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final ContractRegistry contracts;
    private final ExecutionLimits limits;
    private final ExecutorService verifyPool;
    private final ExecutorService installPool = Executors.newCachedThreadPool(
            DaemonThreads.named("checkpoint-install"));
    private final CheckpointClient checkpoints;
    private final LeaderHandOff handOff;
    private final Map<String, ChannelRuntime> channels = new ConcurrentHashMap<>();
    private final Map<RaftGroupId, ChannelRuntime> byGroup = new ConcurrentHashMap<>();
    private final Map<String, Batcher> batchers = new ConcurrentHashMap<>();
    private final RaftNode raft;

    public ChannelManager(NodeConfig config, TlsMaterial tls, NodeMetrics metrics, ContractRegistry contracts) {
        this.config = config;
        this.metrics = metrics;
        this.contracts = contracts;
        this.limits = new ExecutionLimits(config.limits().maxTransactionBytes(),
                config.limits().timestampWindowMillis(), ExecutionLimits.defaults().maxArgs());
        this.verifyPool = Executors.newFixedThreadPool(config.limits().verifyThreadCount(), DaemonThreads.named("verify"));
        this.checkpoints = new CheckpointClient(tls);
        this.handOff = new LeaderHandOff(tls);
        loadChannels();
        this.raft = new RaftNode(config, tls, this::stateMachine);
    }

    private void loadChannels() {
        Path dir = config.channelsDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var list = Files.list(dir)) {
            for (Path channelDir : list.filter(Files::isDirectory).toList()) {
                Path file = channelDir.resolve(CONFIG_FILE);
                if (Files.isRegularFile(file)) {
                    open(ChannelConfig.parseFrom(Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new ChannelException("cannot read channels from " + dir + ": " + e.getMessage(), e);
        }
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
        return new ChannelStateMachine(runtime, this::installCheckpoint, installPool,
                () -> metrics.leaderChanged(runtime.name()));
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

    /**
     * Orders a batch: the leader proposes it to Raft; any other node hands it to the leader, whose
     * batcher merges it with the other nodes' into one entry (see {@link LeaderHandOff}). When the
     * leader cannot take it (unknown, unreachable, no longer the leader) the batch is proposed
     * through Raft as it is, which Ratis forwards to whoever leads.
     */
    private CompletableFuture<?> order(ChannelRuntime runtime, TransactionBatch batch) {
        Optional<Peer> leader = raft.info(runtime.name()).map(DivisionInfo::getLeaderId)
                .flatMap(id -> runtime.config().getPeersList().stream()
                        .filter(p -> p.getNodeId().equals(id.toString())).findFirst());
        if (leader.isEmpty() || leader.get().getNodeId().equals(config.nodeId())) {
            return raft.propose(runtime.config(), batch.toByteArray());
        }
        return handOff.order(leader.get().getApiAddress(), batch).exceptionallyCompose(e -> {
            LOG.debug("channel {}: the leader did not take a batch ({}); proposing it through Raft",
                    runtime.name(), e.toString());
            return raft.propose(runtime.config(), batch.toByteArray()).thenApply(reply -> (Void) null);
        });
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
            if (!existing.config().equals(channel)) {
                throw new ChannelException("channel " + channel.getName()
                        + " already exists on this node with a different configuration");
            }
            return existing;
        }
        Path dir = config.channelsDir().resolve(channel.getName());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
            Files.write(tmp, channel.toByteArray());
            Files.move(tmp, dir.resolve(CONFIG_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ChannelException("cannot store channel " + channel.getName() + ": " + e.getMessage(), e);
        }
        ChannelRuntime runtime = open(channel);
        if (join && runtime.appliedIndex() < 0 && !raft.hasGroup(channel.getName())) {
            bootstrapFromPeer(runtime);
        }
        raft.addGroup(channel);
        connect(runtime);
        return runtime;
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
        raft.close();
        channels.values().forEach(ChannelRuntime::close);
        verifyPool.shutdownNow();
        installPool.shutdownNow();
        checkpoints.close();
        handOff.close();
    }
}
