package io.consortia.node.api;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.TransactionPayload;

/**
 * Bounds of what a request may name, checked before anything is looked up, so an oversized or
 * impossible identifier is refused with INVALID_ARGUMENT (and never echoed back at length).
 */
final class RequestLimits {
    /** Channel names are at most 63 characters (see the channel configuration's name rule). */
    static final int MAX_CHANNEL = 63;
    /** A transaction id is the hex of a 32-byte hash; twice that leaves room for any future hash. */
    static final int MAX_TRANSACTION_ID = 128;
    static final int MAX_HASH_BYTES = 64;
    /** Contract, function and organisation names. */
    static final int MAX_NAME = 64;
    static final int MAX_NONCE_BYTES = 64;

    private RequestLimits() {}

    static void channel(String channel) {
        if (channel.length() > MAX_CHANNEL) {
            throw Statuses.invalid("channel name is " + channel.length() + " characters; at most " + MAX_CHANNEL);
        }
    }

    static void transactionId(String id) {
        if (id.length() > MAX_TRANSACTION_ID) {
            throw Statuses.invalid("transaction id is " + id.length() + " characters; at most " + MAX_TRANSACTION_ID
                    + " (an id is the hex of the payload's hash)");
        }
    }

    static void hash(ByteString hash) {
        if (hash.size() > MAX_HASH_BYTES) {
            throw Statuses.invalid("block hash is " + hash.size() + " bytes; at most " + MAX_HASH_BYTES);
        }
    }

    /**
     * Block numbers are unsigned 64-bit on the wire, but no ledger holds 2^63 blocks: such a number
     * (a negative long here) is impossible, not a block of the future.
     */
    static void blockNumber(String field, long number) {
        if (number < 0) {
            throw Statuses.invalid(field + " " + Long.toUnsignedString(number) + " is beyond any possible height (at most "
                    + Long.MAX_VALUE + ")");
        }
    }

    /**
     * What a submitted transaction's payload may name, or null when it is within bounds. These
     * are admission rules of this node's API, not of block validity (a transaction ordered by
     * another node is judged by the deterministic checks alone).
     */
    static String payloadProblem(TransactionPayload payload) {
        if (payload.getChannel().length() > MAX_CHANNEL) {
            return "channel name is " + payload.getChannel().length() + " characters; at most " + MAX_CHANNEL;
        }
        if (payload.getContract().length() > MAX_NAME || payload.getFunction().length() > MAX_NAME) {
            return "contract and function names are at most " + MAX_NAME + " characters; these are "
                    + payload.getContract().length() + " and " + payload.getFunction().length();
        }
        Creator creator = payload.getCreator();
        if (creator.getOrganization().length() > MAX_NAME) {
            return "creator organization is " + creator.getOrganization().length() + " characters; at most " + MAX_NAME;
        }
        if (payload.getNonce().isEmpty()) {
            return "payload has no nonce: every transaction needs fresh random bytes, so that its id is unique";
        }
        if (payload.getNonce().size() > MAX_NONCE_BYTES) {
            return "nonce is " + payload.getNonce().size() + " bytes; at most " + MAX_NONCE_BYTES;
        }
        return null;
    }
}
