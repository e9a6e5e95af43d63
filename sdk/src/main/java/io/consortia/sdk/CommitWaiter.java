package io.consortia.sdk;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionInfo;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Waits for an admitted transaction to commit by watching new blocks — no polling. The
 * order of the steps closes the race with a commit happening meanwhile: first read the
 * height h, then look the transaction up (it may already be in a block below h), and only
 * then follow the blocks from h on.
 */
final class CommitWaiter {
    private final ChannelImpl channel;
    private final GatewayContext context;

    CommitWaiter(ChannelImpl channel, GatewayContext context) {
        this.channel = channel;
        this.context = context;
    }

    SubmitResult await(String transactionId) {
        try {
            long height = channel.chainInfo().getHeight();
            Optional<TransactionInfo> known = lookup(transactionId);
            if (known.isPresent()) {
                TransactionInfo info = known.get();
                return Outcomes.committed(transactionId, info.getTransaction(), info.getBlockNumber());
            }
            return follow(transactionId, height);
        } catch (TransactionException e) {
            throw e;
        } catch (GatewayException e) {
            throw new TransactionException("Cannot tell whether transaction " + transactionId + " committed: "
                    + e.getMessage(), transactionId, e.status().orElse(null), e);
        }
    }

    private Optional<TransactionInfo> lookup(String transactionId) {
        try {
            return Optional.of(channel.transaction(transactionId));
        } catch (GatewayException e) {
            if (e.status().map(s -> s.getCode() == Status.Code.NOT_FOUND).orElse(false)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The outcomes of several transactions, by id, as {@link Channel#submitAll} answers them: the
     * ones found in a block within the commit timeout. The others are missing from the map — their
     * outcome is unknown — also when the node could not be asked. Same order of steps as {@link #await}.
     */
    Map<String, SubmitResponse> awaitAll(Collection<String> transactionIds) {
        Map<String, SubmitResponse> found = new HashMap<>();
        Map<String, String> missing = new HashMap<>(); // lower case -> as given
        try {
            long height = channel.chainInfo().getHeight();
            for (String id : transactionIds) {
                Optional<TransactionInfo> known = lookup(id);
                if (known.isPresent()) {
                    found.put(id, Outcomes.response(id, known.get().getTransaction(), known.get().getBlockNumber()));
                } else {
                    missing.put(id.toLowerCase(Locale.ROOT), id);
                }
            }
            if (!missing.isEmpty()) {
                follow(height, (transaction, number) -> {
                    String id = missing.remove(transaction.getTransactionId().toLowerCase(Locale.ROOT));
                    if (id != null) {
                        found.put(id, Outcomes.response(id, transaction, number));
                    }
                    return missing.isEmpty();
                });
            }
        } catch (GatewayException | StatusRuntimeException e) {
            // the rest stay unknown
        }
        return found;
    }

    private SubmitResult follow(String transactionId, long fromNumber) {
        BlockTransaction[] hit = new BlockTransaction[1];
        long[] number = new long[1];
        try {
            boolean seen = follow(fromNumber, (transaction, blockNumber) -> {
                if (transaction.getTransactionId().equalsIgnoreCase(transactionId)) {
                    hit[0] = transaction;
                    number[0] = blockNumber;
                    return true;
                }
                return false;
            });
            if (!seen) {
                throw new TransactionException("The block stream ended before transaction " + transactionId
                        + " committed; look it up later with Channel.transaction(id)", transactionId);
            }
            return Outcomes.committed(transactionId, hit[0], number[0]);
        } catch (StatusRuntimeException e) {
            String what = e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? "Waiting " + context.commitTimeout().toSeconds() + " s for the commit"
                    : "Waiting for the commit";
            throw Outcomes.unknown(transactionId, what, e);
        }
    }

    /**
     * Hands each transaction of the blocks from {@code fromNumber} on, with its block's number,
     * to {@code done} until it answers true (then returns true) or the stream ends (false),
     * within the commit timeout.
     */
    private boolean follow(long fromNumber, BiPredicate<BlockTransaction, Long> done) {
        StreamBlocksRequest request = StreamBlocksRequest.newBuilder()
                .setChannel(channel.name())
                .setFromNumber(fromNumber)
                .build();
        try (Context.CancellableContext scope = Context.current().withCancellation()) {
            Context previous = scope.attach();
            try {
                Iterator<Block> blocks = LedgerServiceGrpc.newBlockingStub(context.endpoints().current())
                        .withMaxInboundMessageSize(ConnectionSettings.MAX_INBOUND_MESSAGE_BYTES)
                        .withDeadlineAfter(context.commitTimeoutMillis(), TimeUnit.MILLISECONDS)
                        .streamBlocks(request);
                while (blocks.hasNext()) {
                    Block block = blocks.next();
                    for (BlockTransaction transaction : block.getTransactionsList()) {
                        if (done.test(transaction, block.getHeader().getNumber())) {
                            return true;
                        }
                    }
                }
                return false;
            } finally {
                scope.detach(previous);
            }
        }
    }
}
