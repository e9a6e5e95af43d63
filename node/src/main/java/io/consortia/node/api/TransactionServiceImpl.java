package io.consortia.node.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.protocol.v1.EvaluateRequest;
import io.consortia.protocol.v1.EvaluateResponse;
import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitBatchResponse;
import io.consortia.protocol.v1.SubmitRequest;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Submit and evaluate. Bad transactions are answered with status REJECTED and a validation code
 * (never a gRPC error), so a batch can mix good and bad ones; transport-level problems (unknown
 * channel on evaluate, timeouts) are gRPC statuses with a description.
 */
final class TransactionServiceImpl extends TransactionServiceGrpc.TransactionServiceImplBase {
    private final ChannelManager channels;
    private final Duration commitTimeout;

    TransactionServiceImpl(ChannelManager channels, Duration commitTimeout) {
        this.channels = channels;
        this.commitTimeout = commitTimeout;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> observer) {
        submitAll(List.of(request.getTransaction()), request.getWaitForCommit()).whenComplete((list, error) -> {
            if (error != null) {
                observer.onError(Statuses.of(unwrap(error)));
            } else {
                observer.onNext(list.get(0));
                observer.onCompleted();
            }
        });
    }

    @Override
    public void submitBatch(SubmitBatchRequest request, StreamObserver<SubmitBatchResponse> observer) {
        submitAll(request.getTransactionsList(), request.getWaitForCommit()).whenComplete((list, error) -> {
            if (error != null) {
                observer.onError(Statuses.of(unwrap(error)));
            } else {
                observer.onNext(SubmitBatchResponse.newBuilder().addAllResponses(list).build());
                observer.onCompleted();
            }
        });
    }

    private CompletableFuture<List<SubmitResponse>> submitAll(List<Transaction> txs, boolean wait) {
        List<CompletableFuture<SubmitResponse>> responses = new ArrayList<>(txs.size());
        // Group by channel, keeping each transaction's position for the answer.
        Map<String, List<Integer>> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            responses.add(null);
            TransactionPayload payload = payloadOf(txs.get(i));
            String problem = payload == null ? "payload is not a TransactionPayload" : RequestLimits.payloadProblem(payload);
            String channel = payload == null ? null : payload.getChannel();
            if (problem != null) {
                responses.set(i, rejected(ValidationCode.MALFORMED, problem));
            } else if (channels.find(channel).isEmpty()) {
                responses.set(i, rejected(ValidationCode.UNKNOWN_CHANNEL,
                        "channel '" + channel + "' does not exist on this node"));
            } else {
                byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(i);
            }
        }
        try {
            byChannel.forEach((channel, positions) -> {
                ChannelRuntime runtime = channels.require(channel);
                List<Transaction> part = positions.stream().map(txs::get).toList();
                List<CompletableFuture<SubmitResponse>> answers = runtime.submit(part, wait, commitTimeout);
                for (int k = 0; k < positions.size(); k++) {
                    responses.set(positions.get(k), answers.get(k));
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
                .thenApply(v -> responses.stream().map(CompletableFuture::join).toList());
    }

    private static CompletableFuture<SubmitResponse> rejected(ValidationCode code, String reason) {
        return CompletableFuture.completedFuture(SubmitResponse.newBuilder()
                .setStatus(TransactionStatus.REJECTED).setCode(code).setReason(reason).build());
    }

    static TransactionPayload payloadOf(Transaction tx) {
        try {
            return TransactionPayload.parseFrom(tx.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> observer) {
        try {
            TransactionPayload payload = payloadOf(request.getTransaction());
            String problem = payload == null ? "payload is not a TransactionPayload" : RequestLimits.payloadProblem(payload);
            if (problem != null) {
                throw Statuses.forCode(ValidationCode.MALFORMED, problem);
            }
            ChannelRuntime runtime = channels.require(payload.getChannel());
            byte[] result = runtime.executor().evaluate(request.getTransaction(), System.currentTimeMillis());
            observer.onNext(EvaluateResponse.newBuilder()
                    .setResult(com.google.protobuf.ByteString.copyFrom(result)).build());
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
