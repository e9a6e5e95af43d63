package io.consortia.node.execution;

import io.consortia.crypto.HashFunction;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.node.governance.ConfigTransactions;
import io.consortia.node.governance.ConfigUpdateVerifier;
import io.consortia.node.governance.ConfigVerdict;
import io.consortia.protocol.v1.Transaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;

/**
 * Step 1 of the pipeline, on any node: decides whether a transaction may be ordered at all.
 * Checks, in order: size (PAYLOAD_TOO_LARGE), parse and required fields (MALFORMED), channel
 * (UNKNOWN_CHANNEL), timestamp within the window of the node's clock
 * (TIMESTAMP_OUT_OF_WINDOW), creator membership (UNKNOWN_ORGANIZATION, BAD_CERTIFICATE),
 * signature over the payload bytes (BAD_SIGNATURE), contract (UNKNOWN_CONTRACT) and function
 * (UNKNOWN_FUNCTION); for a configuration change ({@code _config}), the governance checks against
 * the configuration in force (CONFIG_*, see {@link ConfigUpdateVerifier}). Duplicates are not checked here: that needs the ledger and is done,
 * deterministically, at apply time.
 *
 * <p>Thread-safe, lock-free, never throws on bad input. {@link #admitAll} verifies in
 * parallel on the verify pool (owned by the caller, see {@link VerifyPool}).
 */
public final class TransactionAdmission {
    private final TransactionChecks checks;
    private final ExecutorService verifyPool;
    private final ConfigUpdateVerifier configUpdates;
    private final Function<String, Optional<byte[]>> lifecycleState;

    /** Admission that knows no user contracts (every call to one is UNKNOWN_CONTRACT): for tests of built-ins. */
    public TransactionAdmission(String channel, Membership membership, ContractRegistry contracts, HashFunction hash,
            SignatureScheme scheme, ExecutionLimits limits, ExecutorService verifyPool) {
        this(channel, membership, contracts, hash, scheme, limits, verifyPool, key -> Optional.empty());
    }

    /**
     * @param lifecycleState the committed state of the lifecycle contract ({@link LifecycleState#committed}):
     *     calls to user contracts not committed, frozen or revoked there are refused early with that code
     */
    public TransactionAdmission(String channel, Membership membership, ContractRegistry contracts, HashFunction hash,
            SignatureScheme scheme, ExecutionLimits limits, ExecutorService verifyPool,
            Function<String, Optional<byte[]>> lifecycleState) {
        this.lifecycleState = Objects.requireNonNull(lifecycleState, "lifecycleState");
        this.checks = new TransactionChecks(
                Objects.requireNonNull(channel, "channel"),
                Objects.requireNonNull(membership, "membership"),
                Objects.requireNonNull(contracts, "contracts"),
                Objects.requireNonNull(hash, "hash"),
                Objects.requireNonNull(scheme, "scheme"),
                Objects.requireNonNull(limits, "limits"));
        this.verifyPool = Objects.requireNonNull(verifyPool, "verifyPool");
        this.configUpdates = new ConfigUpdateVerifier(membership.config(), membership::checkCertificate, scheme);
    }

    /** Checks one transaction on the calling thread. */
    public AdmissionResult admit(Transaction tx, long nowMillis) {
        Screened screened = checks.check(Objects.requireNonNull(tx, "tx"), nowMillis, TransactionChecks.VERIFY_ALL);
        if (screened.valid() && ConfigTransactions.isConfigUpdate(screened.payload())) {
            // refused early when it would fail now; only the verdict at apply (block time, config then) counts
            ConfigVerdict verdict = configUpdates.verify(screened.payload().getArgsList(), Instant.ofEpochMilli(nowMillis));
            if (!verdict.valid()) {
                screened = screened.refuse(verdict.code(), verdict.reason());
            }
        }
        if (screened.valid() && checks.isUserContract(screened.payload())) {
            // refused early when it would be refused now; only the verdict at apply (state then) counts
            WasmContracts.Target target = WasmContracts.definition(lifecycleState, screened.payload().getContract());
            if (target.refused()) {
                screened = screened.refuse(target.refusal(), target.reason());
            }
        }
        return screened.toAdmission();
    }

    /** Checks many transactions, in parallel chunks; results are in the order of {@code txs}. */
    public List<AdmissionResult> admitAll(List<Transaction> txs, long nowMillis) {
        Objects.requireNonNull(txs, "txs");
        Transaction[] input = txs.toArray(new Transaction[0]); // random access whatever list was passed
        AdmissionResult[] results = new AdmissionResult[input.length];
        ParallelChunks.run(verifyPool, input.length, i -> results[i] = admit(input[i], nowMillis));
        return Arrays.asList(results);
    }
}
