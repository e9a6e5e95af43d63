package io.consortia.sdk;

import com.google.protobuf.CodedOutputStream;
import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitBatchResponse;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends signed transactions and turns the nodes' answers into results or exceptions. Batches
 * for {@link Channel#submitAll} are sent concurrently (each one is a single round trip), so a
 * node can verify several batches' signatures in parallel.
 */
final class Submitter {
    /** Keeps each request well below gRPC's default 4 MiB server limit. */
    static final int MAX_BATCH_BYTES = 2 * 1024 * 1024;
    static final int MAX_BATCH_TRANSACTIONS = 2000;

    private final ChannelImpl channel;
    private final GatewayContext context;

    Submitter(ChannelImpl channel, GatewayContext context) {
        this.channel = channel;
        this.context = context;
    }

    SubmitResult submit(Transaction transaction) {
        String id = channel.transactionId(transaction);
        SubmitResponse response = send(transaction, id, true);
        SubmitResult result = switch (response.getStatus()) {
            case COMMITTED -> Outcomes.committed(id, response);
            // ACCEPTED, or REJECTED only as already submitted (see send): wait for that submission's commit
            case ACCEPTED, REJECTED -> new CommitWaiter(channel, context).await(id);
            default -> throw Outcomes.unexpected(id, response);
        };
        context.signer().committedValid(channel.name());
        return result;
    }

    SubmittedTransaction submitAsync(Transaction transaction) {
        String id = channel.transactionId(transaction);
        SubmitResponse response = send(transaction, id, false);
        return switch (response.getStatus()) {
            // REJECTED only as already submitted (see send): it was admitted, as ACCEPTED says
            case ACCEPTED, REJECTED -> new PendingTransaction(id, () -> {
                SubmitResult result = new CommitWaiter(channel, context).await(id);
                context.signer().committedValid(channel.name());
                return result;
            });
            case COMMITTED -> {
                SubmitResult result = Outcomes.committed(id, response);
                context.signer().committedValid(channel.name());
                yield new PendingTransaction(id, () -> result);
            }
            default -> throw Outcomes.unexpected(id, response);
        };
    }

    List<SubmitResponse> submitAll(List<Transaction> transactions, boolean waitForCommit) {
        context.requireOpen();
        long budget = batchBudget(context);
        if (fitsOneBatch(transactions, budget)) {
            List<SubmitResponse> responses = coalesced(transactions, waitForCommit,
                    "Batch submit of " + transactions.size() + " transactions");
            responses = resolveAlreadySubmitted(responses, waitForCommit);
            noteCertificateOutcomes(responses);
            return responses;
        }
        long timeout = waitForCommit ? context.commitTimeoutMillis() : context.requestTimeoutMillis();
        List<SubmitBatchRequest> batches = batches(transactions, waitForCommit, budget);
        List<SubmitBatchResponse> answers = sendConcurrently(batches, timeout);
        List<SubmitResponse> responses = new ArrayList<>(transactions.size());
        for (int i = 0; i < batches.size(); i++) {
            SubmitBatchRequest batch = batches.get(i);
            SubmitBatchResponse answer = answers.get(i);
            if (answer.getResponsesCount() != batch.getTransactionsCount()) {
                throw new GatewayException("Node answered " + answer.getResponsesCount() + " responses for a batch of "
                        + batch.getTransactionsCount() + " transactions");
            }
            responses.addAll(answer.getResponsesList());
        }
        responses = resolveAlreadySubmitted(responses, waitForCommit);
        noteCertificateOutcomes(responses);
        return responses;
    }

    /**
     * Replaces each DUPLICATE_TRANSACTION_ID refusal (a failover re-send of a transaction that the
     * unreachable node had handed on, or the same transaction submitted again) with the outcome of
     * the submission the node already has: when waiting for commits, COMMITTED with its block and
     * code if it is in a block within the commit timeout, else ACCEPTED with a reason saying to look
     * it up; when not waiting, ACCEPTED (it was admitted).
     */
    private List<SubmitResponse> resolveAlreadySubmitted(List<SubmitResponse> responses, boolean waitForCommit) {
        List<String> ids = responses.stream().filter(Outcomes::alreadySubmitted)
                .map(SubmitResponse::getTransactionId).distinct().toList();
        if (ids.isEmpty()) {
            return responses;
        }
        Map<String, SubmitResponse> outcomes = waitForCommit ? new CommitWaiter(channel, context).awaitAll(ids)
                : Map.of();
        List<SubmitResponse> resolved = new ArrayList<>(responses.size());
        for (SubmitResponse response : responses) {
            resolved.add(!Outcomes.alreadySubmitted(response) ? response
                    : outcomes.getOrDefault(response.getTransactionId(),
                            Outcomes.admittedEarlier(response.getTransactionId(), waitForCommit)));
        }
        return resolved;
    }

    private void noteCertificateOutcomes(List<SubmitResponse> responses) {
        boolean committedValid = false;
        boolean unknownCertificate = false;
        for (SubmitResponse response : responses) {
            committedValid |= response.getStatus() == TransactionStatus.COMMITTED
                    && response.getCode() == ValidationCode.VALID;
            unknownCertificate |= response.getCode() == ValidationCode.UNKNOWN_CERTIFICATE;
        }
        if (unknownCertificate) {
            context.signer().refusedUnknownCertificate(channel.name());
        } else if (committedValid) {
            context.signer().committedValid(channel.name());
        }
    }

    /** One batch's worth or less, merged with what other threads submit on this channel meanwhile. */
    private List<SubmitResponse> coalesced(List<Transaction> transactions, boolean waitForCommit, String what) {
        try {
            return context.coalescer(channel.name(), waitForCommit).submit(transactions);
        } catch (StatusRuntimeException e) {
            throw GatewayException.of(what, e);
        }
    }

    /**
     * One batch, in one call or, when it is more than the node accepts in one gRPC message (learnt
     * from an earlier refusal, or from this call's), in calls that fit, one after another; a
     * transaction too large for any call is answered PAYLOAD_TOO_LARGE in its place. A request
     * refused for its size was refused unread (see {@link OversizeRefusal}), so sending its
     * transactions again cannot admit any of them twice.
     */
    static SubmitBatchResponse call(GatewayContext context, SubmitBatchRequest batch, long timeout) {
        long known = context.messageLimit();
        if (batch.getSerializedSize() > known) {
            return split(context, batch, known, timeout);
        }
        try {
            return callOnce(context, batch, timeout);
        } catch (StatusRuntimeException e) {
            long limit = OversizeRefusal.messageLimit(batch.getSerializedSize(), e);
            if (limit < 0) {
                throw e;
            }
            context.learnMessageLimit(limit);
            return split(context, batch, limit, timeout);
        }
    }

    /** {@code batch} in calls of at most {@code limit} bytes, the answers in the batch's order. */
    private static SubmitBatchResponse split(GatewayContext context, SubmitBatchRequest batch, long limit,
            long timeout) {
        SubmitBatchResponse.Builder answers = SubmitBatchResponse.newBuilder();
        SubmitBatchRequest empty = SubmitBatchRequest.newBuilder().setWaitForCommit(batch.getWaitForCommit()).build();
        SubmitBatchRequest.Builder part = empty.toBuilder();
        long bytes = empty.getSerializedSize();
        for (Transaction transaction : batch.getTransactionsList()) {
            int size = CodedOutputStream.computeMessageSize(SubmitBatchRequest.TRANSACTIONS_FIELD_NUMBER, transaction);
            boolean alone = empty.getSerializedSize() + size > limit;
            if (part.getTransactionsCount() > 0 && (alone || bytes + size > limit)) {
                answers.addAllResponses(call(context, part.build(), timeout).getResponsesList());
                part = empty.toBuilder();
                bytes = empty.getSerializedSize();
            }
            if (alone) {
                answers.addResponses(OversizeRefusal.response(context.signer().transactionId(transaction),
                        empty.getSerializedSize() + size, limit));
                continue;
            }
            part.addTransactions(transaction);
            bytes += size;
        }
        if (part.getTransactionsCount() > 0) {
            answers.addAllResponses(call(context, part.build(), timeout).getResponsesList());
        }
        return answers.build();
    }

    /**
     * One call, on a blocking stub: the answer is read on the sending thread, which gRPC wakes
     * straight from its event loop. The asynchronous stub of {@link #sendConcurrently} hands each
     * answer to gRPC's default executor first, which then wakes the caller: one more thread
     * hand-off per call. An unreachable node is tried once on the other endpoints.
     */
    private static SubmitBatchResponse callOnce(GatewayContext context, SubmitBatchRequest batch, long timeout) {
        try {
            return TransactionServiceGrpc.newBlockingStub(context.endpoints().current())
                    .withDeadlineAfter(timeout, TimeUnit.MILLISECONDS)
                    .submitBatch(batch);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                throw e;
            }
            return retryElsewhere(context, batch, timeout);
        }
    }

    /** Several batches at once, so that the node can verify their signatures in parallel. */
    private List<SubmitBatchResponse> sendConcurrently(List<SubmitBatchRequest> batches, long timeout) {
        List<CompletableFuture<SubmitBatchResponse>> futures = new ArrayList<>(batches.size());
        for (SubmitBatchRequest batch : batches) {
            CompletableFuture<SubmitBatchResponse> future = new CompletableFuture<>();
            TransactionServiceGrpc.newStub(context.endpoints().current())
                    .withDeadlineAfter(timeout, TimeUnit.MILLISECONDS)
                    .submitBatch(batch, completing(future));
            futures.add(future);
        }
        List<SubmitBatchResponse> answers = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            answers.add(collect(futures.get(i), batches.get(i), timeout));
        }
        return answers;
    }

    /** Waits for a batch; an unreachable node is retried once on the other endpoints. */
    private SubmitBatchResponse collect(CompletableFuture<SubmitBatchResponse> future, SubmitBatchRequest batch,
            long timeout) {
        try {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StatusRuntimeException sre
                        && sre.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                    return retryElsewhere(context, batch, timeout);
                }
                long limit = e.getCause() instanceof StatusRuntimeException sre
                        ? OversizeRefusal.messageLimit(batch.getSerializedSize(), sre) : -1;
                if (limit >= 0) {
                    context.learnMessageLimit(limit);
                    return call(context, batch, timeout); // refused unread: sent again in calls that fit
                }
                throw e.getCause() instanceof StatusRuntimeException sre ? sre
                        : Status.fromThrowable(e.getCause()).asRuntimeException();
            }
        } catch (StatusRuntimeException e) {
            throw GatewayException.of("Batch submit of " + batch.getTransactionsCount() + " transactions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while submitting a batch", e);
        }
    }

    /** The node was unreachable: the batch goes once to the other endpoints. */
    private static SubmitBatchResponse retryElsewhere(GatewayContext context, SubmitBatchRequest batch, long timeout) {
        context.endpoints().failover();
        return context.endpoints().call(ch -> TransactionServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(timeout, TimeUnit.MILLISECONDS)
                .submitBatch(batch));
    }

    private static <T> StreamObserver<T> completing(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                future.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                future.completeExceptionally(Status.INTERNAL.withDescription("no response").asRuntimeException());
            }
        };
    }

    /**
     * One transaction, merged with what other threads submit on this channel meanwhile. A refusal
     * throws {@link SubmitException}, except DUPLICATE_TRANSACTION_ID: the node already has this
     * very transaction — most often because the call failed over after the first node had handed it
     * on, else because the caller submitted the same signed transaction again — so it was admitted,
     * and that response is returned for the caller to wait for its outcome.
     */
    private SubmitResponse send(Transaction transaction, String id, boolean waitForCommit) {
        context.requireOpen();
        SubmitResponse response;
        try {
            response = context.coalescer(channel.name(), waitForCommit).submit(List.of(transaction)).get(0);
        } catch (StatusRuntimeException e) {
            // a transaction too large for the node is answered PAYLOAD_TOO_LARGE (call), not thrown
            throw Outcomes.unknown(id, "Submit", e);
        }
        if (response.getStatus() == TransactionStatus.REJECTED && !Outcomes.alreadySubmitted(response)) {
            if (response.getCode() == ValidationCode.UNKNOWN_CERTIFICATE) {
                context.signer().refusedUnknownCertificate(channel.name());
            }
            throw new SubmitException(id, response.getCode(), response.getReason());
        }
        return response;
    }

    /**
     * The bytes of transactions a batch may carry: {@link #MAX_BATCH_BYTES}, or less once a node
     * has said that it accepts less in one message. A transaction takes its size + 8 in a batch's
     * count, more than its field's tag and length (at most 6); the 8 kept below the limit cover the
     * last one's and the request's own field.
     */
    private static long batchBudget(GatewayContext context) {
        return Math.min(MAX_BATCH_BYTES, context.messageLimit() - 8);
    }

    /** Whether {@link #batches} would make one batch of them, without building it. */
    private static boolean fitsOneBatch(List<Transaction> transactions, long budget) {
        if (transactions.size() > MAX_BATCH_TRANSACTIONS) {
            return false;
        }
        long bytes = 0;
        for (Transaction transaction : transactions) {
            int size = transaction.getSerializedSize();
            if (bytes > 0 && bytes + size > budget) {
                return false;
            }
            bytes += size + 8;
        }
        return true;
    }

    private static List<SubmitBatchRequest> batches(List<Transaction> transactions, boolean waitForCommit,
            long budget) {
        List<SubmitBatchRequest> batches = new ArrayList<>();
        SubmitBatchRequest.Builder current = SubmitBatchRequest.newBuilder().setWaitForCommit(waitForCommit);
        long bytes = 0;
        for (Transaction transaction : transactions) {
            int size = transaction.getSerializedSize();
            if (current.getTransactionsCount() > 0
                    && (current.getTransactionsCount() >= MAX_BATCH_TRANSACTIONS || bytes + size > budget)) {
                batches.add(current.build());
                current = SubmitBatchRequest.newBuilder().setWaitForCommit(waitForCommit);
                bytes = 0;
            }
            current.addTransactions(transaction);
            bytes += size + 8;
        }
        if (current.getTransactionsCount() > 0) {
            batches.add(current.build());
        }
        return batches;
    }
}
