package io.consortia.sdk;

/**
 * A smart contract on a channel: submit transactions that change its state, or evaluate
 * read-only functions. Obtained from {@link Channel#contract(String)}; thread-safe.
 *
 * <pre>{@code
 * Contract assets = gateway.channel("main").contract("asset");
 *
 * // change state: signed, ordered, committed; waits for the block
 * SubmitResult created = assets.submit("create", "asset-1", "blue");
 *
 * // read state: runs on one node, nothing is recorded
 * String asset = new String(assets.evaluate("read", "asset-1"), StandardCharsets.UTF_8);
 *
 * try {
 *     assets.submit("transfer", "asset-1", "org2");
 * } catch (CommitException e) {
 *     // recorded as invalid: e.code() == CONTRACT_REJECTED, e.reason() says why
 * } catch (SubmitException e) {
 *     // refused before ordering: e.code() says why, nothing was recorded
 * }
 * }</pre>
 *
 * <p>String arguments are sent UTF-8 encoded.
 */
public interface Contract {

    /** The contract's name. */
    String name();

    /** Submits a call without arguments; see {@link #submit(String, byte[]...)}. */
    SubmitResult submit(String function);

    /** Submits a call with string arguments; see {@link #submit(String, byte[]...)}. */
    SubmitResult submit(String function, String... args);

    /**
     * Signs and submits a call, then waits until it is committed.
     *
     * @return the block number and the function's result
     * @throws SubmitException if the node refused the transaction at admission
     * @throws CommitException if the transaction was committed as invalid
     * @throws TransactionException if the outcome is unknown (commit timeout, connection lost)
     */
    SubmitResult submit(String function, byte[]... args);

    /** Submits a call without arguments; see {@link #submitAsync(String, byte[]...)}. */
    SubmittedTransaction submitAsync(String function);

    /** Submits a call with string arguments; see {@link #submitAsync(String, byte[]...)}. */
    SubmittedTransaction submitAsync(String function, String... args);

    /**
     * Signs and submits a call, returning as soon as a node admitted it.
     *
     * @throws SubmitException if the node refused the transaction at admission
     * @throws TransactionException if the outcome is unknown
     */
    SubmittedTransaction submitAsync(String function, byte[]... args);

    /** Evaluates a function without arguments; see {@link #evaluate(String, byte[]...)}. */
    byte[] evaluate(String function);

    /** Evaluates a function with string arguments; see {@link #evaluate(String, byte[]...)}. */
    byte[] evaluate(String function, String... args);

    /**
     * Runs a function read-only on one node and returns its result. Nothing is ordered or
     * recorded, so the answer reflects that node's current state.
     *
     * @throws GatewayException if the node or the contract refused the call; its status says why
     */
    byte[] evaluate(String function, byte[]... args);
}
