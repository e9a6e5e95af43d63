package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.node.NodeException;
import io.consortia.node.contracts.Contract;
import io.consortia.node.contracts.ContractException;
import io.consortia.node.contracts.RecordNotFoundException;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.lifecycle.LifecycleContract;
import io.consortia.node.contracts.lifecycle.LifecycleException;
import io.consortia.node.contracts.wasm.CallerRules;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.node.contracts.wasm.WasmHost;
import io.consortia.wasm.CallResult;
import io.consortia.wasm.ContractRejectedException;
import io.consortia.node.governance.ConfigTransactions;
import io.consortia.node.governance.ConfigUpdateVerifier;
import io.consortia.node.governance.ConfigVerdict;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.ledger.ConfigChange;
import io.consortia.node.ledger.StateWrite;
import io.consortia.node.ledger.StateWrites;
import io.consortia.node.ledger.TransactionProofs;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of the pipeline: turns one ordered {@link TransactionBatch} into the next block of
 * a channel, deterministically — every node computes the same block from the same batch and
 * ledger, with no clock but the batch's timestamp. Does not commit: the caller commits the
 * {@link ExecutedBlock} with {@link ChannelLedger#commit}, then executes the next batch.
 *
 * <p>Per transaction, in batch order: the admission checks (timestamp window and certificate
 * validity against the batch timestamp), then whether it was already ordered (see below), then
 * the contract against a block-level overlay of the state.
 *
 * <p>A transaction whose id is already ordered — in the ledger's index or earlier in the batch —
 * is left out of the block when it is authenticated (its creator signed it): it is the same
 * transaction ordered a second time, typically a batch handed to a leader that committed it just
 * before it failed, and then ordered again; recording it again as DUPLICATE_TRANSACTION_ID put
 * the id in the ledger twice. The ledger holds every authenticated transaction once.
 *
 * <p>Block time is {@code max(previous block's time, batch time)}: batches are stamped by the
 * node that proposed them, and a batch ordered late (handed over again after a leader failed) or
 * stamped by a node whose clock is behind must not make time go backwards in the chain.
 *
 * <p>An invalid transaction writes nothing; a valid one that carries its creator's certificate
 * also registers it ({@link CertificateRegistry}). Signatures are verified in
 * parallel up front, except for those {@code alreadyVerified} vouches for.
 *
 * <p>Configuration changes (contract {@code _config}, see {@link ConfigUpdateVerifier}) are decided
 * against the configuration this executor was built with, at the block time. A VALID one takes
 * effect from the NEXT block: transactions after it in the same block are still checked and run
 * under the old configuration (the caller builds a new executor after committing), and a second
 * change in the same block is CONFIG_VERSION_MISMATCH (it cannot be based on a version that is
 * not in force yet).
 *
 * <p>Single-threaded use (the channel's apply thread) for {@link #execute};
 * {@link #evaluate} may run on any thread.
 */
public final class BlockExecutor {
    private static final Logger log = LoggerFactory.getLogger(BlockExecutor.class);

    private final ChannelLedger ledger;
    private final ContractRegistry contracts;
    private final ExecutorService verifyPool;
    private final TransactionChecks checks;
    private final Membership membership;
    private final String channel;
    private final ConfigUpdateVerifier configUpdates;
    private final WasmContracts wasm;
    private final LifecycleContract lifecycle;

    /** An executor running WebAssembly contracts on the node's shared engine ({@link WasmContracts#shared()}). */
    public BlockExecutor(ChannelLedger ledger, Membership membership, ContractRegistry contracts,
            ExecutionLimits limits, ExecutorService verifyPool) {
        this(ledger, membership, contracts, limits, verifyPool, WasmContracts.shared());
    }

    public BlockExecutor(ChannelLedger ledger, Membership membership, ContractRegistry contracts,
            ExecutionLimits limits, ExecutorService verifyPool, WasmContracts wasm) {
        this.wasm = Objects.requireNonNull(wasm, "wasm");
        this.lifecycle = new LifecycleContract(ledger.hash(), name -> contracts.find(name).isPresent(), wasm::validate);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.verifyPool = Objects.requireNonNull(verifyPool, "verifyPool");
        this.channel = ledger.config().getName();
        this.membership = Objects.requireNonNull(membership, "membership");
        this.checks = new TransactionChecks(channel, membership, contracts,
                ledger.hash(), ledger.scheme(), Objects.requireNonNull(limits, "limits"));
        this.configUpdates = new ConfigUpdateVerifier(membership.config(), membership::checkCertificate, ledger.scheme());
    }

    /**
     * Builds the next block from {@code batch}, vouching by transaction id only. For this
     * package's tests, never for a node: the id covers the payload only, so vouching by id
     * alone also vouches for a copy of an admitted payload carrying a different, invalid
     * signature (which only a misbehaving peer could order). This node would call it VALID
     * where the others say BAD_SIGNATURE, and the ledgers would diverge. Package-private so
     * nothing outside {@code execution} can reach it; nodes use
     * {@link #execute(TransactionBatch, BiPredicate)}.
     *
     * @param alreadyVerified true for ids this node verified at admission. Called from pool
     *     threads: must be thread-safe.
     */
    ExecutedBlock execute(TransactionBatch batch, Predicate<String> alreadyVerified) {
        Objects.requireNonNull(alreadyVerified, "alreadyVerified");
        return execute(batch, (id, signature) -> alreadyVerified.test(id));
    }

    /**
     * Builds the next block from {@code batch}, skipping signature verification where
     * {@code alreadyVerified} vouches for the (transaction id, signature bytes) pair, i.e. this
     * node verified exactly that signature over that payload at admission. Called from pool
     * threads: must be thread-safe.
     */
    public ExecutedBlock execute(TransactionBatch batch, BiPredicate<String, ByteString> alreadyVerified) {
        return execute(batch, alreadyVerified, null);
    }

    /**
     * The per-transaction checks of a batch (admission checks against the batch's timestamp and
     * signature verification), started now on the verify pool, to be used by a later
     * {@link #execute(TransactionBatch, BiPredicate, Screening)} of the same batch. They depend
     * only on the batch and the channel's membership, not on the ledger, so a node can verify the
     * signatures of committed entries it has not applied yet while it applies earlier ones
     * (see {@code ChannelStateMachine}). Thread-safe.
     */
    public Screening screen(TransactionBatch batch, BiPredicate<String, ByteString> alreadyVerified) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(alreadyVerified, "alreadyVerified");
        long timestamp = batch.getTimestampMillis();
        Transaction[] txs = batch.getTransactionsList().toArray(new Transaction[0]);
        Screened[] screened = new Screened[txs.length];
        ParallelChunks.Started work = ParallelChunks.start(verifyPool, txs.length,
                i -> screened[i] = checks.check(txs[i], timestamp, alreadyVerified));
        return new Screening(batch, txs, screened, work);
    }

    /** Checks of one batch in progress; see {@link #screen}. */
    public static final class Screening {
        private final TransactionBatch batch;
        private final Transaction[] txs;
        private final Screened[] screened;
        private final ParallelChunks.Started work;

        private Screening(TransactionBatch batch, Transaction[] txs, Screened[] screened, ParallelChunks.Started work) {
            this.batch = batch;
            this.txs = txs;
            this.screened = screened;
            this.work = work;
        }

        /** The results: the caller takes the checks no pool thread has started, then waits for the rest. */
        Screened[] join() {
            work.join();
            return screened;
        }
    }

    /**
     * Builds the next block from {@code batch}, using {@code ahead} (from {@link #screen}) for
     * its checks when it was started for an equal batch, and checking here otherwise.
     */
    public ExecutedBlock execute(TransactionBatch batch, BiPredicate<String, ByteString> alreadyVerified,
            Screening ahead) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(alreadyVerified, "alreadyVerified");
        if (!batch.getChannel().isEmpty() && !batch.getChannel().equals(channel)) {
            throw new IllegalArgumentException("batch of channel " + batch.getChannel() + " given to the executor of " + channel);
        }
        long number = ledger.height();
        long timestamp = batch.getTimestampMillis();
        long blockTime = Math.max(ledger.lastBlockTimestampMillis(), timestamp);
        Transaction[] txs;
        Screened[] screened;
        if (ahead != null && (ahead.batch == batch || ahead.batch.equals(batch))) {
            txs = ahead.txs;
            screened = ahead.join();
            for (int i = 0; i < txs.length; i++) {
                if (screened[i].code() == ValidationCode.UNKNOWN_CERTIFICATE) {
                    // screened before the block registering it was committed: decide against blocks before this one
                    screened[i] = checks.check(txs[i], timestamp, alreadyVerified);
                }
            }
        } else {
            txs = batch.getTransactionsList().toArray(new Transaction[0]);
            Screened[] checked = new Screened[txs.length];
            Transaction[] all = txs;
            ParallelChunks.run(verifyPool, txs.length, i -> checked[i] = checks.check(all[i], timestamp, alreadyVerified));
            screened = checked;
        }

        boolean userContracts = false;
        for (Screened s : screened) {
            userContracts |= s.valid() && checks.isUserContract(s.payload());
        }
        Transaction[] blockTxs = txs;
        Screened[] blockScreened = screened;
        // WebAssembly calls run on the engine's threads (large stacks: the call-depth limit, not the JVM's stack,
        // ends recursion); running the whole block there makes one hand-off per block instead of one per call
        return userContracts
                ? wasm.onEngineThread(() -> build(number, blockTime, blockTxs, blockScreened))
                : build(number, blockTime, txs, screened);
    }

    /** The block of the screened transactions, in batch order; see the class comment. */
    private ExecutedBlock build(long number, long blockTime, Transaction[] txs, Screened[] screened) {
        OverlayState blockState = new OverlayState(StateView.of(ledger));
        Set<String> claimedIds = new HashSet<>();
        ConfigChange[] change = new ConfigChange[1]; // the block's VALID configuration change, if any
        List<BlockTransaction> recorded = new ArrayList<>(txs.length);
        List<byte[]> leaves = new ArrayList<>(txs.length);
        BlockOutput output = new BlockOutput();
        for (int i = 0; i < txs.length; i++) {
            if (screened[i].authenticated()
                    && (claimedIds.contains(screened[i].id()) || ledger.containsTransaction(screened[i].id()))) {
                continue; // already ordered: see the class comment
            }
            recorded.add(apply(txs[i], screened[i], number, blockState, claimedIds, blockTime, change, output));
            leaves.add(screened[i].idHash());
        }
        List<StateWrite> writes = blockState.toWrites();
        HashFunction hash = ledger.hash();
        BlockHeader header = BlockHeader.newBuilder()
                .setChannel(channel)
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(ledger.currentHash()))
                .setTransactionsRoot(ByteString.copyFrom(MerkleTree.root(hash, leaves)))
                .setStateHash(ByteString.copyFrom(StateWrites.hash(hash, writes)))
                .setTimestampMillis(blockTime)
                .setTransactionCount(recorded.size())
                .setResultsHash(ByteString.copyFrom(resultsHash(hash, recorded)))
                .setVersion(ReceiptLeaf.HEADER_VERSION)
                .setReceiptsRoot(ByteString.copyFrom(MerkleTree.root(hash, TransactionProofs.receiptLeaves(hash, recorded))))
                .build();
        Block block = Block.newBuilder()
                .setHeader(header)
                .addAllTransactions(recorded)
                .setHash(ByteString.copyFrom(ChannelLedger.blockHash(hash, header)))
                .build();
        return new ExecutedBlock(block, writes, change[0]);
    }

    /** See {@code BlockHeader.results_hash}: the verdicts are part of what every node agrees on. */
    static byte[] resultsHash(HashFunction hash, List<BlockTransaction> recorded) {
        byte[][] parts = new byte[recorded.size() * 2][];
        for (int i = 0; i < recorded.size(); i++) {
            BlockTransaction tx = recorded.get(i);
            parts[2 * i] = java.nio.ByteBuffer.allocate(8).putInt(tx.getCodeValue()).putInt(tx.getResult().size())
                    .array();
            parts[2 * i + 1] = tx.getResult().toByteArray();
        }
        return hash.digest(parts);
    }

    /**
     * Runs a read-only function against the committed state, after the admission checks
     * (against {@code nowMillis}). Nothing is ordered or written.
     *
     * @throws EvaluationException with the code of the first failed check, FORBIDDEN for a
     *     function that writes (submit it instead), or CONTRACT_REJECTED
     */
    public byte[] evaluate(Transaction tx, long nowMillis) {
        Screened screened = checks.check(Objects.requireNonNull(tx, "tx"), nowMillis, TransactionChecks.VERIFY_ALL);
        if (!screened.valid()) {
            throw new EvaluationException(screened.code(), screened.reason());
        }
        if (ConfigTransactions.isConfigUpdate(screened.payload())) {
            throw new EvaluationException(ValidationCode.FORBIDDEN, "a configuration change changes the channel;"
                    + " submit it as a transaction instead of evaluating it");
        }
        if (checks.isUserContract(screened.payload())) {
            return evaluateWasm(screened);
        }
        Contract contract = javaContract(screened.payload().getContract());
        String function = screened.payload().getFunction();
        if (!contract.isReadOnly(function)) {
            throw new EvaluationException(ValidationCode.FORBIDDEN, "function " + function + " of contract "
                    + contract.name() + " changes state; submit it as a transaction instead of evaluating it");
        }
        TransactionContext context = TransactionContext.readOnly(screened, channel, membership, ledger.height(),
                StateView.of(ledger));
        try {
            return contract.invoke(context, function, screened.payload().getArgsList());
        } catch (LifecycleException e) {
            throw new EvaluationException(e.code(), e.getMessage());
        } catch (RecordNotFoundException e) {
            throw EvaluationException.missing(e.getMessage());
        } catch (ContractException e) {
            throw new EvaluationException(ValidationCode.CONTRACT_REJECTED, e.getMessage());
        } catch (NodeException e) {
            throw e; // storage trouble is the node's, not the contract's
        } catch (RuntimeException e) {
            log.warn("contract {} failed evaluating {}", contract.name(), function, e);
            throw new EvaluationException(ValidationCode.CONTRACT_REJECTED, failure(e));
        }
    }

    private BlockTransaction apply(Transaction tx, Screened screened, long number, OverlayState blockState,
            Set<String> claimedIds, long blockTime, ConfigChange[] change, BlockOutput output) {
        BlockTransaction.Builder recorded = BlockTransaction.newBuilder()
                .setTransaction(tx)
                .setTransactionId(screened.id());
        if (!screened.authenticated()) {
            return recorded.setCode(screened.code()).setReason(screened.reason()).build();
        }
        claimedIds.add(screened.id());
        if (!screened.valid()) {
            return recorded.setCode(screened.code()).setReason(screened.reason()).build();
        }
        BlockTransaction result = ConfigTransactions.isConfigUpdate(screened.payload())
                ? changeConfig(recorded, screened, blockTime, change)
                : invoke(recorded, screened, number, blockState, output);
        Creator creator = screened.payload().getCreator();
        if (result.getCode() == ValidationCode.VALID && creator.getCredentialCase() == Creator.CredentialCase.CERTIFICATE) {
            CertificateRegistry.register(blockState, membership, ledger.hash(), creator.getCertificate());
        }
        return result;
    }

    /** Decides a configuration change; see the class comment. Its result is the new version (decimal, UTF-8). */
    private BlockTransaction changeConfig(BlockTransaction.Builder recorded, Screened screened, long blockTime,
            ConfigChange[] change) {
        if (change[0] != null) {
            return recorded.setCode(ValidationCode.CONFIG_VERSION_MISMATCH).setReason("transaction "
                    + change[0].transactionId() + " earlier in this block already changes the configuration to version "
                    + change[0].config().getVersion() + ": submit this change again, based on that version").build();
        }
        ConfigVerdict verdict = configUpdates.verify(screened.payload().getArgsList(), Instant.ofEpochMilli(blockTime));
        if (!verdict.valid()) {
            return recorded.setCode(verdict.code()).setReason(verdict.reason()).build();
        }
        change[0] = new ConfigChange(verdict.next(), screened.id());
        return recorded.setCode(ValidationCode.VALID).setResult(ByteString.copyFromUtf8(
                Long.toString(verdict.next().getVersion()))).build();
    }

    /**
     * Runs a WebAssembly function against the committed state for a caller that does not order it:
     * the same checks as in a block (committed, not frozen, caller rule), and the call's writes and
     * events are dropped, so any function may be evaluated, e.g. to preview its result.
     */
    private byte[] evaluateWasm(Screened screened) {
        StateView committed = StateView.of(ledger);
        WasmContracts.Target target = wasm.resolve(channel, LifecycleState.of(committed),
                screened.payload().getContract());
        if (target.refused()) {
            throw new EvaluationException(target.refusal(), target.reason());
        }
        OverlayState scratch = new OverlayState(committed);
        TransactionContext context = TransactionContext.writable(screened, channel, membership, ledger.height(), scratch);
        WasmRun run = runWasm(BlockTransaction.newBuilder(), screened, target, context);
        BlockTransaction outcome = run.recorded();
        if (run.notFound()) {
            throw EvaluationException.missing(outcome.getReason());
        }
        if (outcome.getCode() != ValidationCode.VALID) {
            throw new EvaluationException(outcome.getCode(), outcome.getReason());
        }
        return outcome.getResult().toByteArray();
    }

    private BlockTransaction invoke(BlockTransaction.Builder recorded, Screened screened, long number,
            OverlayState blockState, BlockOutput output) {
        if (checks.isUserContract(screened.payload())) {
            WasmContracts.Target target = wasm.resolve(channel, LifecycleState.of(blockState),
                    screened.payload().getContract());
            if (target.refused()) {
                return recorded.setCode(target.refusal()).setReason(target.reason()).build();
            }
            OverlayState txState = new OverlayState(blockState);
            TransactionContext context = TransactionContext.writable(screened, channel, membership, number, txState);
            return kept(runWasm(recorded, screened, target, context).recorded(), txState, blockState, output);
        }
        Contract contract = javaContract(screened.payload().getContract());
        String function = screened.payload().getFunction();
        OverlayState txState = new OverlayState(blockState);
        TransactionContext context = contract.isReadOnly(function)
                ? TransactionContext.readOnly(screened, channel, membership, number, blockState)
                : TransactionContext.writable(screened, channel, membership, number, txState);
        try {
            byte[] result = contract.invoke(context, function, screened.payload().getArgsList());
            return kept(recorded.setCode(ValidationCode.VALID)
                    .setResult(ByteString.copyFrom(result == null ? new byte[0] : result))
                    .addAllEvents(context.events())
                    .build(), txState, blockState, output);
        } catch (LifecycleException e) {
            return recorded.setCode(e.code()).setReason(String.valueOf(e.getMessage())).build();
        } catch (ContractException e) {
            return recorded.setCode(ValidationCode.CONTRACT_REJECTED).setReason(String.valueOf(e.getMessage())).build();
        } catch (NodeException e) {
            throw e; // a storage or ledger failure must stop the apply thread, never become a per-node verdict
        } catch (RuntimeException e) {
            log.warn("contract {} failed in transaction {}", contract.name(), screened.id(), e);
            return recorded.setCode(ValidationCode.CONTRACT_REJECTED).setReason(failure(e)).build();
        }
    }

    /**
     * A VALID outcome's writes join the block's if its output fits ({@link BlockOutput}); otherwise it
     * becomes OUTPUT_TOO_LARGE and leaves nothing. Any other outcome leaves nothing either.
     */
    private static BlockTransaction kept(BlockTransaction outcome, OverlayState txState, OverlayState blockState,
            BlockOutput output) {
        if (outcome.getCode() != ValidationCode.VALID) {
            return outcome;
        }
        String refusal = output.refusal(BlockOutput.of(outcome, txState.writtenBytes()));
        if (refusal != null) {
            return outcome.toBuilder().clearResult().clearEvents().setCode(ValidationCode.OUTPUT_TOO_LARGE)
                    .setReason(refusal).build();
        }
        txState.mergeInto(blockState);
        return outcome;
    }

    /**
     * Calls a committed WebAssembly contract: the function's caller rule (FORBIDDEN), then the engine.
     * Every outcome but OK is recorded with its own code and the engine's reason, which depends only on
     * the module, the call and the state, so every node records the same. Writes stay in the context's
     * state: the caller decides whether they are kept.
     */
    private WasmRun runWasm(BlockTransaction.Builder recorded, Screened screened, WasmContracts.Target target,
            TransactionContext context) {
        String function = screened.payload().getFunction();
        java.util.Optional<String> forbidden = CallerRules.refusal(target.record().getDefinition(), function,
                context.creatorOrganization(), context.creatorRole());
        if (forbidden.isPresent()) {
            return new WasmRun(recorded.setCode(ValidationCode.FORBIDDEN).setReason(forbidden.get()).build(), false);
        }
        java.util.function.Supplier<String> certificateId = () -> {
            try {
                return io.consortia.crypto.Hashes.hex(ledger.hash().digest(screened.creator().certificate().getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a checked certificate cannot be encoded", e);
            }
        };
        List<io.consortia.protocol.v1.Event> builtinEvents = new ArrayList<>();
        WasmHost.BuiltinCalls builtins = (name, builtinFunction, args) -> callBuiltin(screened, context, name,
                builtinFunction, args, builtinEvents);
        CallResult result = wasm.call(target, function, screened.payload().getArgsList(),
                new WasmHost(context, context, certificateId, builtins, target.record().getDefinition().getName()));
        if (!result.ok()) {
            return new WasmRun(recorded.setCode(WasmContracts.code(result.outcome())).setReason(result.reason()).build(),
                    result.outcome() == CallResult.Outcome.NOT_FOUND);
        }
        return new WasmRun(recorded.setCode(ValidationCode.VALID)
                .setResult(ByteString.copyFrom(result.returnValue()))
                .addAllEvents(builtinEvents)
                .addAllEvents(context.events())
                .build(), false);
    }

    /**
     * A WebAssembly call as a block records it, and whether the contract said the record it was asked for does not
     * exist: recorded CONTRACT_REJECTED like a built-in's missing record, but an evaluation answers it NOT_FOUND.
     */
    private record WasmRun(BlockTransaction recorded, boolean notFound) {
    }

    /**
     * A built-in contract called by a WebAssembly contract: it runs as the transaction's creator (as if the
     * creator had called it) in its own namespace of the same transaction state, so its writes stand or fall
     * with the calling transaction. Runs on the engine's thread while the apply thread waits for the call.
     */
    private byte[] callBuiltin(Screened screened, TransactionContext caller, String name, String function,
            List<byte[]> args, List<io.consortia.protocol.v1.Event> events) {
        Contract builtin = contracts.find(name).orElseThrow(() -> new ContractRejectedException(
                "call_builtin: no built-in contract named '" + name + "'"));
        if (!builtin.hasFunction(function)) {
            throw new ContractRejectedException("call_builtin: contract " + name + " has no function '" + function + "'");
        }
        TransactionContext context = caller.forContract(name, builtin.isReadOnly(function));
        try {
            byte[] result = builtin.invoke(context, function, args.stream().map(ByteString::copyFrom).toList());
            events.addAll(context.events());
            return result;
        } catch (RecordNotFoundException e) {
            // a forwarder (or any contract) reading a missing record through a built-in: not found, as when called directly
            throw ContractRejectedException.notFound(name + "." + function + ": " + e.getMessage());
        } catch (ContractException e) {
            throw new ContractRejectedException(name + "." + function + ": " + e.getMessage());
        } catch (NodeException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("contract {} failed in transaction {} (called by a WebAssembly contract)", name, screened.id(), e);
            throw new ContractRejectedException(name + "." + function + ": " + failure(e));
        }
    }

    private Contract javaContract(String name) {
        return LifecycleContract.NAME.equals(name) ? lifecycle : contracts.find(name).orElseThrow();
    }

    /**
     * The recorded reason names only the exception class: JDK messages (e.g. helpful
     * NullPointerException texts) differ between Java versions, and nodes may run different ones.
     */
    private static String failure(RuntimeException e) {
        return "contract failed: " + e.getClass().getName();
    }
}
