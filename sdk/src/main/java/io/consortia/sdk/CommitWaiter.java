package io.consortia.sdk;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamBlocksRequest;
import io.consortia.protocol.v1.TransactionInfo;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

    private SubmitResult follow(String transactionId, long fromNumber) {
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
                        if (transaction.getTransactionId().equalsIgnoreCase(transactionId)) {
                            return Outcomes.committed(transactionId, transaction, block.getHeader().getNumber());
                        }
                    }
                }
                throw new TransactionException("The block stream ended before transaction " + transactionId
                        + " committed; look it up later with Channel.transaction(id)", transactionId);
            } finally {
                scope.detach(previous);
            }
        } catch (StatusRuntimeException e) {
            String what = e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? "Waiting " + context.commitTimeout().toSeconds() + " s for the commit"
                    : "Waiting for the commit";
            throw Outcomes.unknown(transactionId, what, e);
        }
    }
}
