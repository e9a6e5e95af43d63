package io.consortia.node.execution;

import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.storage.InMemoryKeyValueStorage;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * One node's view of a {@link TestNetworkFixture} channel: an in-memory ledger, the built-in
 * contracts (plus any registered), admission and an executor sharing a verify pool. Applies
 * batches like the apply thread does: execute, then commit at the next log index.
 */
final class ChannelHarness implements AutoCloseable {
    final TestNetworkFixture network;
    final ChannelLedger ledger;
    final ContractRegistry contracts;
    final ExecutorService pool = VerifyPool.create(2);
    final BlockExecutor executor;
    final TransactionAdmission admission;
    private long logIndex;

    ChannelHarness(TestNetworkFixture network) {
        this(network, ContractRegistry.builtIns());
    }

    ChannelHarness(TestNetworkFixture network, ContractRegistry contracts) {
        this(network, contracts, WasmContracts.shared());
    }

    /** With the given WebAssembly engine and limits (a node's, built from node.yaml {@code wasm}). */
    ChannelHarness(TestNetworkFixture network, ContractRegistry contracts, WasmContracts wasm) {
        this.network = network;
        this.contracts = contracts;
        this.ledger = ChannelLedger.open(new InMemoryKeyValueStorage(ChannelLedger.COLUMNS), network.config());
        Membership membership = new Membership(network.config(), CertificateRegistry.committed(ledger));
        this.executor = new BlockExecutor(ledger, membership, contracts, ExecutionLimits.defaults(), pool, wasm);
        this.admission = new TransactionAdmission(network.config().getName(), membership, contracts, network.hash(),
                network.scheme(), ExecutionLimits.defaults(), pool);
    }

    /** Executes and commits one batch of the transactions (stamped "now"), verifying every signature. */
    Block apply(Transaction... transactions) {
        return apply(network.batch(transactions), id -> false);
    }

    Block apply(TransactionBatch batch, Predicate<String> alreadyVerified) {
        ExecutedBlock executed = executor.execute(batch, alreadyVerified);
        ledger.commit(executed.block(), executed.writes(), 1, logIndex++);
        return executed.block();
    }

    /** The single transaction of a one-transaction block. */
    BlockTransaction applyOne(Transaction transaction) {
        return apply(transaction).getTransactions(0);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ledger.close();
    }
}
