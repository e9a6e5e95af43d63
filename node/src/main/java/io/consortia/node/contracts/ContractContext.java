package io.consortia.node.contracts;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * What a contract sees of its transaction and of the world state. Keys are the contract's
 * own: the node prefixes them with the contract name, so contracts cannot read or write each
 * other's state. Reads see the writes of earlier valid transactions in the same block and of
 * this transaction so far.
 *
 * <p>A read-only context (evaluation, or a function declared read-only) throws
 * {@link ContractException} from {@link #put}, {@link #delete} and {@link #emit}.
 */
public interface ContractContext {
    String channel();

    String transactionId();

    /** The creator's organisation (checked against its certificate and the channel's members). */
    String creatorOrganization();

    /** The creator's name: the CN of its certificate. */
    String creatorName();

    /**
     * Whether {@code organization} is a member of this channel (named in its configuration, the
     * same on every node), e.g. to refuse handing an asset to an owner that cannot exist.
     */
    boolean isChannelMember(String organization);

    /** The transaction's timestamp as signed by its creator (already checked to be within the node's window). */
    long timestampMillis();

    /** Number of the block this transaction goes into (for evaluation: the next block's number). */
    long blockNumber();

    Optional<byte[]> get(String key);

    void put(String key, byte[] value);

    void delete(String key);

    /** Visits this contract's keys starting with {@code prefix} in ascending (UTF-8 byte) order until the visitor returns false. */
    void forEach(String prefix, BiPredicate<String, byte[]> visitor);

    /** Records an event in the block for subscribers; dropped if the transaction turns out invalid. */
    void emit(String event, byte[] payload);
}
