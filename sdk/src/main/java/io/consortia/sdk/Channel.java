package io.consortia.sdk;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import java.util.List;
import java.util.function.Consumer;

/**
 * One ledger shared by a set of organisations: its contracts, its blocks and its
 * transactions. Obtained from {@link Gateway#channel(String)}; thread-safe.
 *
 * <pre>{@code
 * Channel channel = gateway.channel("main");
 * ChainInfo info = channel.chainInfo();
 * Block latest = channel.blockByNumber(info.getHeight() - 1);
 *
 * // follow the chain from block 0 on; resumes by itself after a broken stream
 * try (Subscription blocks = channel.subscribeBlocks(0, block ->
 *         System.out.println(block.getHeader().getNumber()))) {
 *     ...
 * }
 *
 * // high throughput: sign locally, send many transactions in one round trip
 * List<Transaction> batch = new ArrayList<>();
 * for (int i = 0; i < 1000; i++) {
 *     batch.add(channel.newTransaction("asset", "create", "asset-" + i, "pallet " + i, "100"));
 * }
 * List<SubmitResponse> responses = channel.submitAll(batch, false);
 * }</pre>
 *
 * <p>Ledger queries throw {@link GatewayException}; its {@code status()} is
 * {@code NOT_FOUND} for a block or transaction that does not exist (yet).
 */
public interface Channel {

    /** The channel's name. */
    String name();

    /** A contract deployed on this channel. Cheap: no call is made. */
    Contract contract(String name);

    /** Height, current block hash and transaction count. */
    ChainInfo chainInfo();

    /** The block with the given number (0 is the genesis block). */
    Block blockByNumber(long number);

    /** The block whose header hashes to the given bytes. */
    Block blockByHash(byte[] hash);

    /**
     * A committed transaction with its block header and Merkle proof, which
     * {@link ProofVerifier} can check offline.
     */
    TransactionInfo transaction(String transactionId);

    /**
     * Delivers every block from {@code fromNumber} on, then each new block as it commits,
     * until the subscription is closed. When the stream breaks (node restart, network
     * failure) it is re-opened — on another endpoint if the node is unreachable — from the
     * block after the last one delivered, so the consumer sees each block once and in order.
     * The consumer runs on a gRPC thread, one block at a time; a slow consumer slows the
     * stream down rather than buffering. If the consumer throws, the subscription stops.
     * A refusal that resuming cannot change also stops it: the node answers
     * {@code PERMISSION_DENIED} (the identity's organisation is not, or no longer, a member of the
     * channel: an open stream ends so at the next block after its removal), {@code NOT_FOUND} (the
     * node has no such channel), {@code INVALID_ARGUMENT} or {@code UNAUTHENTICATED}; use
     * {@link #subscribeBlocks(long, Consumer, Consumer)} to be told.
     */
    default Subscription subscribeBlocks(long fromNumber, Consumer<Block> consumer) {
        return subscribeBlocks(fromNumber, consumer, error -> { }); // the SDK logs it (WARN)
    }

    /**
     * As {@link #subscribeBlocks(long, Consumer)}; when the node refuses in a way resuming cannot
     * change (see there), the subscription is closed and {@code onError} is called once with the
     * refusal, whose {@link GatewayException#status()} carries the code. Other failures
     * ({@code UNAVAILABLE}, a node restarting, ...) are still resumed and never reach it. It runs
     * on a gRPC thread.
     */
    Subscription subscribeBlocks(long fromNumber, Consumer<Block> consumer, Consumer<GatewayException> onError);

    /**
     * Delivers the contract events that match {@code filter} from the blocks from {@code fromBlock}
     * on, then those of each new block as it commits, in block, transaction and event order, until
     * the subscription is closed. The node filters, so only matching events travel. Each
     * {@link ContractEvent} carries its block number, transaction id and index and its own index:
     * an application that stores the block number of the last event it handled can subscribe again
     * from that block after a restart and skip what it already saw. A broken stream is resumed by
     * itself, as for {@link #subscribeBlocks}, without repeating or losing an event.
     * {@link Subscription#nextBlockNumber()} is the block a resume would start from. If the
     * consumer throws, the subscription stops; so it does, as for {@link #subscribeBlocks}, when the
     * node refuses in a way resuming cannot change ({@code PERMISSION_DENIED}, {@code NOT_FOUND},
     * {@code INVALID_ARGUMENT}, {@code UNAUTHENTICATED}).
     *
     * <pre>{@code
     * try (Subscription minted = channel.subscribeEvents(EventFilter.contract("nft").names("nft.minted"), 0,
     *         event -> System.out.println(event.getBlockNumber() + " " + event.getPayload().toStringUtf8()))) {
     *     ...
     * }
     * }</pre>
     */
    default Subscription subscribeEvents(EventFilter filter, long fromBlock, Consumer<ContractEvent> consumer) {
        return subscribeEvents(filter, fromBlock, consumer, error -> { }); // the SDK logs it (WARN)
    }

    /**
     * As {@link #subscribeEvents(EventFilter, long, Consumer)}, calling {@code onError} once, on a
     * gRPC thread, with the refusal that ended the subscription (see
     * {@link #subscribeBlocks(long, Consumer, Consumer)}).
     */
    Subscription subscribeEvents(EventFilter filter, long fromBlock, Consumer<ContractEvent> consumer,
            Consumer<GatewayException> onError);

    /**
     * Builds and signs a transaction without sending it. Its creator carries the identity's
     * certificate until this gateway has seen one of its transactions commit as VALID on the
     * channel, and names the certificate by id afterwards (see {@link Gateway.Builder#certificateIds}):
     * sign a first transaction and wait for its commit before pre-signing many.
     */
    Transaction newTransaction(String contract, String function);

    /** Builds and signs a transaction with UTF-8 string arguments, without sending it. */
    Transaction newTransaction(String contract, String function, String... args);

    /** Builds and signs a transaction with binary arguments, without sending it. */
    Transaction newTransaction(String contract, String function, byte[]... args);

    /** hex(H(payload)): the id nodes will give the transaction. */
    String transactionId(Transaction transaction);

    /**
     * Submits a signed transaction and waits until it is committed. If a node already has this
     * transaction ({@code DUPLICATE_TRANSACTION_ID}: a re-send after failover, or the same
     * transaction submitted again), this waits for and returns that submission's outcome: a
     * transaction is never recorded twice, and submitting it again is how to retry safely.
     *
     * @throws SubmitException if it was refused at admission
     * @throws CommitException if it was committed as invalid
     * @throws TransactionException if the outcome is unknown (timeout, connection lost)
     */
    SubmitResult submit(Transaction transaction);

    /**
     * Submits a signed transaction and returns once a node has admitted it (or already had it:
     * {@code DUPLICATE_TRANSACTION_ID} is not thrown; awaitCommit gives that submission's outcome).
     *
     * @throws SubmitException if it was refused at admission
     * @throws TransactionException if the outcome is unknown
     */
    SubmittedTransaction submitAsync(Transaction transaction);

    /**
     * Submits many transactions with few round trips. Refusals and invalid commits are
     * reported in the responses (one per transaction, in order), not thrown. A transaction a node
     * already had ({@code DUPLICATE_TRANSACTION_ID}: a re-send after failover, or listed or
     * submitted twice) is answered with that submission's outcome instead of a refusal: with
     * {@code waitForCommit}, {@code COMMITTED} with its block and code once it is in a block, or
     * {@code ACCEPTED} with a reason to look it up if that is not seen within the commit timeout;
     * without, {@code ACCEPTED}.
     *
     * <p>The transactions go out in calls of at most 2000 transactions and 2 MiB. A node, or a proxy
     * in front of it, that accepts less in one gRPC message refuses such a call unread
     * ({@code RESOURCE_EXHAUSTED}, naming its limit): nothing of it was taken, so the SDK sends the
     * same transactions again in calls under that limit, and cuts this gateway's later calls to it
     * from then on. A transaction too large for any call is answered {@code REJECTED}
     * {@code PAYLOAD_TOO_LARGE} with a reason naming the limit, in its place among the others.
     *
     * @param waitForCommit true to answer once every transaction is committed, false once admitted
     * @throws GatewayException if a batch could not be sent; earlier batches may have been accepted
     */
    List<SubmitResponse> submitAll(List<Transaction> transactions, boolean waitForCommit);

    /** The configuration in force, with the block and transaction that committed it. */
    ChannelConfigInfo config();

    /**
     * A configuration version (1 is the genesis).
     *
     * @throws GatewayException with status NOT_FOUND for a version never committed
     */
    ChannelConfigInfo config(long version);

    /**
     * Submits a signed configuration change (built with {@link ConfigChanges}) as a transaction of
     * contract {@code _config}, function {@code update}, created by this gateway's identity, and
     * waits for its commit. Refusals are answered, not thrown: status REJECTED (admission already
     * saw the change cannot pass: code CONFIG_* with a reason) or COMMITTED with code VALID (the
     * new version is in force from the next block; result = the new version) or a CONFIG_* code;
     * ACCEPTED when the commit did not arrive in time (look the transaction up by id).
     *
     * @throws GatewayException if it could not be sent
     */
    SubmitResponse submitConfigUpdate(SignedConfigUpdate update);
}
