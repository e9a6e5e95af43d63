package io.consortia.node.execution;

import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;

/**
 * Bounds what a block's transactions leave behind: return values, events and state writes.
 *
 * <p>Why: batching bounds a block's input (the transactions), not its output. A contract may emit
 * megabytes of events for a few bytes of input, so one batch of small calls could make a block of
 * hundreds of megabytes, and every node ran out of memory applying it; the entry stays in the
 * Raft log, so each restart applied it and failed again, and the channel never recovered. Only
 * deterministic facts decide (the sizes of what the transactions produced, in block order), so
 * every node keeps and refuses the same transactions.
 *
 * <p>The first transaction with output always fits (up to the per-transaction limit), so a
 * transaction refused for its block's sake fits in a later block where it comes first. Its code
 * does not claim its id ({@code ChannelLedger.isIndexed}), so the same signed transaction may be
 * sent again. Every node streams whole blocks to each subscriber (SDK commit waiters, the
 * platform's explorer, event streams), each its own serialized copy: a small bound keeps that
 * within the heap of a node run with 256 MiB.
 */
final class BlockOutput {
    /** As much as a batch's transactions may carry in: a block leaves at most what it may take in. */
    static final long MAX_TRANSACTION_BYTES = 4L << 20;
    static final long MAX_BLOCK_BYTES = 4L << 20;

    private long used;

    /** What a VALID transaction leaves: its return value, its events and its state writes (keys and values). */
    static long of(BlockTransaction outcome, long writtenBytes) {
        long bytes = outcome.getResult().size() + writtenBytes;
        for (Event event : outcome.getEventsList()) {
            bytes += event.getSerializedSize();
        }
        return bytes;
    }

    /** Null when the output is kept (and counted against the block), else why it is not. */
    String refusal(long bytes) {
        if (bytes > MAX_TRANSACTION_BYTES) {
            return "the transaction's results (return value, events, state writes) are " + bytes
                    + " bytes; a transaction may leave at most " + MAX_TRANSACTION_BYTES;
        }
        if (used > 0 && used + bytes > MAX_BLOCK_BYTES) {
            return "the block's results reached " + used + " bytes before this transaction's " + bytes
                    + "; a block holds at most " + MAX_BLOCK_BYTES + ": submit it again";
        }
        used += bytes;
        return null;
    }
}
