/**
 * Admission and execution of transactions: {@link io.consortia.node.execution.TransactionAdmission}
 * (step 1 of the node's pipeline, any thread) and {@link io.consortia.node.execution.BlockExecutor}
 * (step 3, the channel's apply thread: batch in, deterministic block out), both checking
 * creators with {@link io.consortia.node.execution.Membership} and verifying signatures in
 * parallel on a pool the caller owns ({@link io.consortia.node.execution.VerifyPool}).
 * Both are built for one configuration version; configuration-change transactions are decided
 * by {@link io.consortia.node.governance.ConfigUpdateVerifier}, and the channel builds both
 * again from the ledger's configuration after a block commits a change.
 *
 * <pre>{@code
 * Membership membership = new Membership(config);
 * BlockExecutor executor = new BlockExecutor(ledger, membership, ContractRegistry.builtIns(),
 *         ExecutionLimits.defaults(), verifyPool);
 * ExecutedBlock next = executor.execute(batch, (id, signature) -> verifiedHere(id, signature));
 * ledger.commit(next.block(), next.writes(), term, index);
 * }</pre>
 */
package io.consortia.node.execution;
