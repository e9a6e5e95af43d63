package io.consortia.node.channel;

import com.google.protobuf.ByteString;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.execution.AdmissionResult;
import io.consortia.node.execution.BlockExecutor;
import io.consortia.node.execution.ExecutedBlock;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.node.execution.ExecutionLimits;
import io.consortia.node.execution.CertificateRegistry;
import io.consortia.node.execution.Membership;
import io.consortia.node.execution.LifecycleState;
import io.consortia.node.execution.TransactionAdmission;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.metrics.NodeMetrics;
import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.node.util.MoreFiles;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel on this node: its ledger, admission, executor and the hand-off to ordering.
 * Admission runs on many threads; {@link #apply} runs on the channel's single Raft apply thread.
 *
 * <p>Configuration: {@link #config()} is the version in force, read from the ledger. When a block
 * commits a configuration change, admission and execution are built again from the new version
 * (for the next block), checks screened ahead under the old one are dropped, and the
 * {@link ConfigListener}s are told, on the apply thread, after the block is durable.
 */
public final class ChannelRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRuntime.class);

    private final String name;
    private final ChannelConfig genesisArgument;
    private final Path dir;
    private final ExecutorService verifyPool;
    private final ExecutionLimits limits;
    private final ContractRegistry contracts;
    private final WasmContracts wasm;
    private final NodeMetrics metrics;
    private final CommitNotifier notifier = new CommitNotifier();
    /**
     * Transactions this node admitted (signature verified), by id, with the verified signature —
     * an ordered copy with another signature must be verified again — and the admission time.
     */
    private final Map<String, Admitted> admittedHere = new ConcurrentHashMap<>();

    private record Admitted(ByteString signature, long nanos) {}

    /** Checks of committed entries started before their turn to apply, by Raft index. */
    public static final int MAX_SCREENED_AHEAD = 4;
    private final ConcurrentSkipListMap<Long, Ahead> screenedAhead = new ConcurrentSkipListMap<>();

    /** Screened by {@code engine}: used only while that engine (hence that configuration) is in force. */
    private record Ahead(long term, Engine engine, BlockExecutor.Screening screening) {}
    private final List<ConfigListener> configListeners = new CopyOnWriteArrayList<>();

    /** Told of every configuration version that takes effect; see {@link #onConfigCommitted}. */
    public interface ConfigListener {
        void committed(ChannelConfig config, long blockNumber);
    }

    private volatile Engine engine;
    private volatile Consumer<List<Transaction>> orderer;

    /** Ledger, membership, admission and executor over one open RocksDB; replaced when a checkpoint is installed. */
    private record Engine(ChannelLedger ledger, TransactionAdmission admission, BlockExecutor executor) {}

    public ChannelRuntime(ChannelConfig config, Path dir, ExecutorService verifyPool, ExecutionLimits limits,
                          ContractRegistry contracts, NodeMetrics metrics) {
        this(config, dir, verifyPool, limits, contracts, WasmContracts.shared(), metrics);
    }

    /** @param wasm the node's WebAssembly contracts (engine, module cache, limits of node.yaml {@code wasm}) */
    public ChannelRuntime(ChannelConfig config, Path dir, ExecutorService verifyPool, ExecutionLimits limits,
                          ContractRegistry contracts, WasmContracts wasm, NodeMetrics metrics) {
        this.wasm = java.util.Objects.requireNonNull(wasm, "wasm");
        this.name = config.getName();
        this.genesisArgument = config;
        this.dir = dir;
        this.verifyPool = verifyPool;
        this.limits = limits;
        this.contracts = contracts;
        this.metrics = metrics;
        this.engine = openEngine();
        metrics.blockCommitted(name, engine.ledger().height(), 0);
    }

    private Engine openEngine() {
        ChannelLedger ledger = ChannelLedger.open(
                RocksDbKeyValueStorage.open(ledgerDir(), ChannelLedger.COLUMNS), genesisArgument);
        try {
            return engineFor(ledger);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /** Membership, admission and executor for the configuration in force in {@code ledger}. */
    private Engine engineFor(ChannelLedger ledger) {
        ChannelConfig config = ledger.config();
        Membership membership = new Membership(config, CertificateRegistry.committed(ledger));
        SignatureScheme scheme = ledger.scheme();
        ExecutionLimits channelLimits = limits.overriddenBy(config.getLimits());
        TransactionAdmission admission = new TransactionAdmission(name, membership, contracts,
                scheme.hash(), scheme, channelLimits, verifyPool, LifecycleState.committed(ledger));
        BlockExecutor executor = new BlockExecutor(ledger, membership, contracts, channelLimits, verifyPool, wasm);
        return new Engine(ledger, admission, executor);
    }

    public String name() {
        return name;
    }

    /** The configuration in force (the latest committed version). */
    public ChannelConfig config() {
        return engine.ledger().config();
    }

    /** The genesis configuration (version 1), as stored in the ledger. */
    public ChannelConfig genesisConfig() {
        return engine.ledger().genesisConfig();
    }

    /**
     * Calls {@code listener} on the apply thread after a block that changed the configuration is
     * durable (and after a checkpoint brought another version). It must not block.
     */
    public void onConfigCommitted(ConfigListener listener) {
        configListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public ChannelLedger ledger() {
        return engine.ledger();
    }

    public BlockExecutor executor() {
        return engine.executor();
    }

    public CommitNotifier notifier() {
        return notifier;
    }

    private Path ledgerDir() {
        return dir.resolve("ledger");
    }

    /** Connects the channel to ordering (the Raft batcher) once its group is running. */
    public void connectOrderer(Consumer<List<Transaction>> orderer) {
        this.orderer = orderer;
    }

    /**
     * Admits transactions and hands the valid ones to ordering. Returns one future per transaction:
     * rejected ones complete at once; accepted ones complete at admission, or at commit when
     * {@code waitForCommit} — or, if the commit takes longer than {@code commitTimeout}, then with
     * status ACCEPTED and a reason that says so.
     */
    public List<CompletableFuture<SubmitResponse>> submit(List<Transaction> transactions, boolean waitForCommit,
                                                          java.time.Duration commitTimeout) {
        Consumer<List<Transaction>> order = orderer;
        if (order == null) {
            throw new ChannelException("channel " + name() + " is not ready: its Raft group is still starting");
        }
        long now = System.currentTimeMillis();
        List<AdmissionResult> results = engine.admission().admitAll(transactions, now);
        List<CompletableFuture<SubmitResponse>> responses = new ArrayList<>(results.size());
        List<Transaction> accepted = new ArrayList<>(results.size());
        List<String> awaitedIds = new ArrayList<>(results.size());
        List<CompletableFuture<SubmitResponse>> awaited = new ArrayList<>(results.size());
        long admittedAt = System.nanoTime();
        for (int i = 0; i < results.size(); i++) {
            AdmissionResult r = results.get(i);
            ValidationCode code = r.code();
            String reason = r.reason();
            if (r.valid() && (engine.ledger().containsTransaction(r.transactionId())
                    || admittedHere.putIfAbsent(r.transactionId(),
                    new Admitted(transactions.get(i).getSignature(), admittedAt)) != null)) {
                code = ValidationCode.DUPLICATE_TRANSACTION_ID;
                reason = "transaction " + r.transactionId() + " was already submitted";
            }
            if (code != ValidationCode.VALID) {
                metrics.transactionRejected(name(), code.name());
                responses.add(CompletableFuture.completedFuture(response(r.transactionId(),
                        TransactionStatus.REJECTED, code, reason)));
                continue;
            }
            if (waitForCommit) {
                CompletableFuture<SubmitResponse> commit = notifier.await(r.transactionId());
                awaitedIds.add(r.transactionId());
                awaited.add(commit);
                responses.add(commit);
            } else {
                responses.add(CompletableFuture.completedFuture(response(r.transactionId(), TransactionStatus.ACCEPTED,
                        ValidationCode.VALID, "")));
            }
            accepted.add(transactions.get(i));
        }
        notifier.expireAfter(commitTimeout, awaitedIds, awaited);
        if (!accepted.isEmpty()) {
            order.accept(accepted);
        }
        return responses;
    }

    private static SubmitResponse response(String id, TransactionStatus status, ValidationCode code, String reason) {
        return SubmitResponse.newBuilder().setTransactionId(id).setStatus(status).setCode(code)
                .setReason(reason == null ? "" : reason).build();
    }

    /**
     * Ordering gave up on these ids: they may be submitted again. A hand-off that failed may have
     * been committed all the same, so the answer does not claim nothing was; submitting the same
     * transaction again cannot run it twice (an id already ordered is never recorded again).
     */
    public void orderingFailed(List<String> ids, Throwable error) {
        ids.forEach(admittedHere::remove);
        notifier.failed(ids, "ordering failed; the transaction may still be committed: look it up by id, or submit"
                + " the same transaction again (it never runs twice): " + error.getMessage());
    }

    /** Whether this node verified exactly that signature over that transaction at admission. */
    private boolean verifiedHere(String id, ByteString signature) {
        Admitted a = admittedHere.get(id);
        return a != null && a.signature().equals(signature);
    }

    /**
     * Starts checking (verifying the signatures of) the batch of a committed Raft entry that is
     * not applied yet, on the verify pool, so that {@link #apply} of that entry finds the work
     * done or under way. Idempotent per entry; at most {@value #MAX_SCREENED_AHEAD} entries ahead.
     */
    public void screenAhead(TransactionBatch batch, long term, long index) {
        if (screenedAhead.size() >= MAX_SCREENED_AHEAD || screenedAhead.containsKey(index)) {
            return;
        }
        Engine e = engine;
        screenedAhead.computeIfAbsent(index, i -> new Ahead(term, e, e.executor().screen(batch, this::verifiedHere)));
    }

    /** Whether {@link #screenAhead} has started on that entry. */
    public boolean isScreenedAhead(long index) {
        return screenedAhead.containsKey(index);
    }

    /**
     * Turns one ordered batch into a block and commits it (apply thread only). A batch whose
     * transactions were all ordered before (a hand-off ordered twice, see BlockExecutor) adds no
     * block: the entry is only recorded as applied, and null is returned.
     */
    public Block apply(TransactionBatch batch, long term, long index) {
        Engine e = engine;
        screenedAhead.headMap(index).clear(); // entries skipped or replaced (e.g. by a checkpoint)
        Ahead ahead = screenedAhead.remove(index);
        ExecutedBlock executed = e.executor().execute(batch, this::verifiedHere,
                ahead != null && ahead.term() == term && ahead.engine() == e ? ahead.screening() : null);
        if (executed.block().getTransactionsCount() == 0 && batch.getTransactionsCount() > 0) {
            LOG.info("channel {}: entry {} holds only transactions ordered before; no block", name(), index);
            e.ledger().recordApplied(term, index);
            return null;
        }
        e.ledger().commit(executed.block(), executed.writes(), term, index, executed.configChange());
        Block block = executed.block();
        if (executed.configChange() != null) {
            configChanged(block.getHeader().getNumber());
        }
        recordCommit(block);
        notifier.blockCommitted(block);
        return block;
    }

    /** The block just committed changed the configuration: the next block runs under the new one. */
    private void configChanged(long blockNumber) {
        ChannelLedger ledger = engine.ledger();
        engine = engineFor(ledger);
        screenedAhead.clear(); // screened under the old membership
        ChannelConfig config = ledger.config();
        LOG.info("channel {}: configuration version {} in force from block {}", name, config.getVersion(),
                blockNumber + 1);
        tellListeners(config, blockNumber);
    }

    private void tellListeners(ChannelConfig config, long blockNumber) {
        for (ConfigListener listener : configListeners) {
            try {
                listener.committed(config, blockNumber);
            } catch (RuntimeException ex) {
                LOG.warn("channel {}: configuration listener failed on version {}", name, config.getVersion(), ex);
            }
        }
    }

    private void recordCommit(Block block) {
        metrics.blockCommitted(name(), block.getHeader().getNumber() + 1, block.getTransactionsCount());
        Map<ValidationCode, Long> counts = new EnumMap<>(ValidationCode.class);
        long now = System.nanoTime();
        for (BlockTransaction tx : block.getTransactionsList()) {
            counts.merge(tx.getCode(), 1L, Long::sum);
            Admitted admitted = admittedHere.remove(tx.getTransactionId());
            if (admitted != null) {
                metrics.commitLatency(name(), (now - admitted.nanos()) / 1e9);
            }
        }
        counts.forEach((code, n) -> metrics.transactionsCommitted(name(), code.name(), n));
    }

    public void recordApplied(long term, long index) {
        engine.ledger().recordApplied(term, index);
    }

    /** See {@link ChannelLedger#persistApplied}. */
    public void persistApplied() {
        engine.ledger().persistApplied();
    }

    public long appliedTerm() {
        return engine.ledger().appliedTerm();
    }

    public long appliedIndex() {
        return engine.ledger().appliedIndex();
    }

    /** The Raft term of the applied entry at {@code index}, when the ledger can tell. */
    public java.util.OptionalLong termAt(long index) {
        return engine.ledger().termAt(index);
    }

    /** A consistent copy of the ledger for a peer that is too far behind. */
    public void checkpoint(Path target) {
        engine.ledger().checkpoint(target);
    }

    /**
     * Replaces the ledger with a checkpoint received from a peer (in {@code incoming}), keeping the
     * old one until the new one opens. Called while Raft does not apply entries to this group.
     */
    public synchronized void installCheckpoint(Path incoming) {
        screenedAhead.clear();
        Engine old = engine;
        Path current = ledgerDir();
        Path previous = dir.resolve("ledger.previous");
        try {
            long versionBefore = old.ledger().config().getVersion();
            old.ledger().close();
            MoreFiles.deleteRecursively(previous);
            Files.move(current, previous);
            Files.move(incoming, current);
            engine = openEngine();
            MoreFiles.deleteRecursively(previous);
            ChannelConfigInfo installed = engine.ledger().configInfo();
            if (installed.getConfig().getVersion() != versionBefore) {
                tellListeners(installed.getConfig(), installed.getBlockNumber());
            }
            LOG.info("channel {}: installed checkpoint at height {} (applied index {})",
                    name(), engine.ledger().height(), engine.ledger().appliedIndex());
            metrics.blockCommitted(name(), engine.ledger().height(), 0);
        } catch (IOException | RuntimeException ex) {
            throw new ChannelException("channel " + name() + ": installing checkpoint failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        engine.ledger().close();
    }
}
