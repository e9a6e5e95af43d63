package io.consortia.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
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
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Admits, "executes" and commits transactions like a node, with a verdict chosen by the test.
 * Signatures are checked for real, so the SDK's signing is exercised end to end.
 */
final class FakeTransactionService extends TransactionServiceGrpc.TransactionServiceImplBase {

    /** What the fake node decides for a call. */
    record Verdict(TransactionStatus status, ValidationCode code, String reason, byte[] result) {
        static Verdict valid(String result) {
            return new Verdict(TransactionStatus.COMMITTED, ValidationCode.VALID, "", result.getBytes());
        }

        static Verdict refused(ValidationCode code, String reason) {
            return new Verdict(TransactionStatus.REJECTED, code, reason, new byte[0]);
        }

        static Verdict invalid(ValidationCode code, String reason) {
            return new Verdict(TransactionStatus.COMMITTED, code, reason, new byte[0]);
        }
    }

    private final HashFunction hash;
    private final SignatureScheme scheme;
    private final FakeLedgerService ledger;
    private final List<BlockTransaction> pending = new ArrayList<>();
    final List<TransactionPayload> received = new CopyOnWriteArrayList<>();
    final java.util.Map<com.google.protobuf.ByteString, com.google.protobuf.ByteString> certificates =
            new java.util.concurrent.ConcurrentHashMap<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    volatile Function<TransactionPayload, Verdict> verdict = p -> Verdict.valid("ok:" + p.getFunction());

    FakeTransactionService(SignatureScheme scheme, FakeLedgerService ledger) {
        this.scheme = scheme;
        this.hash = scheme.hash();
        this.ledger = ledger;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
        List<SubmitResponse> answers = handle(List.of(request.getTransaction()), request.getWaitForCommit());
        response.onNext(answers.get(0));
        response.onCompleted();
    }

    @Override
    public void submitBatch(SubmitBatchRequest request, StreamObserver<SubmitBatchResponse> response) {
        batchSizes.add(request.getTransactionsCount());
        response.onNext(SubmitBatchResponse.newBuilder()
                .addAllResponses(handle(request.getTransactionsList(), request.getWaitForCommit()))
                .build());
        response.onCompleted();
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> response) {
        TransactionPayload payload = parse(request.getTransaction());
        Verdict v = verdict.apply(payload);
        if (v.code() != ValidationCode.VALID) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(v.code() + ": " + v.reason())
                    .asRuntimeException());
            return;
        }
        response.onNext(EvaluateResponse.newBuilder().setResult(com.google.protobuf.ByteString.copyFrom(v.result()))
                .build());
        response.onCompleted();
    }

    /** Commits everything admitted without waiting, in one block. */
    synchronized Block commitPending() {
        Block block = ledger.append(List.copyOf(pending));
        pending.clear();
        return block;
    }

    private synchronized List<SubmitResponse> handle(List<Transaction> transactions, boolean waitForCommit) {
        List<SubmitResponse.Builder> answers = new ArrayList<>();
        List<BlockTransaction> admitted = new ArrayList<>();
        for (Transaction transaction : transactions) {
            TransactionPayload payload = parse(transaction);
            received.add(payload);
            Verdict v = signatureValid(transaction, payload)
                    ? verdict.apply(payload) : Verdict.refused(ValidationCode.BAD_SIGNATURE, "signature");
            BlockTransaction recorded = TestBlocks.recorded(hash, transaction, v.code(), v.reason(), v.result());
            SubmitResponse.Builder answer = SubmitResponse.newBuilder()
                    .setTransactionId(recorded.getTransactionId())
                    .setStatus(v.status())
                    .setCode(v.code())
                    .setReason(v.reason());
            if (v.status() == TransactionStatus.COMMITTED) {
                admitted.add(recorded);
                answer.setResult(recorded.getResult());
            }
            answers.add(answer);
        }
        if (waitForCommit && !admitted.isEmpty()) {
            long number = ledger.append(admitted).getHeader().getNumber();
            answers.stream().filter(a -> a.getStatus() == TransactionStatus.COMMITTED)
                    .forEach(a -> a.setBlockNumber(number));
        } else {
            pending.addAll(admitted);
            answers.stream().filter(a -> a.getStatus() == TransactionStatus.COMMITTED)
                    .forEach(a -> a.setStatus(TransactionStatus.ACCEPTED).setCode(ValidationCode.VALIDATION_CODE_UNSPECIFIED)
                            .clearResult().clearReason());
        }
        return answers.stream().map(SubmitResponse.Builder::build).toList();
    }

    /** Like a node's registry, except that seeing a certificate registers it (tests script refusals with {@link #verdict}). */
    private boolean signatureValid(Transaction transaction, TransactionPayload payload) {
        var creator = payload.getCreator();
        com.google.protobuf.ByteString der = creator.hasCertificateId() ? certificates.get(creator.getCertificateId())
                : creator.getCertificate();
        if (der == null) {
            return false;
        }
        certificates.put(com.google.protobuf.ByteString.copyFrom(hash.digest(der.toByteArray())), der);
        var certificate = Pem.certificateFromDer(der.toByteArray());
        return scheme.verify(certificate.getPublicKey(), transaction.getPayload().toByteArray(),
                transaction.getSignature().toByteArray());
    }

    private static TransactionPayload parse(Transaction transaction) {
        try {
            return TransactionPayload.parseFrom(transaction.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw Status.INVALID_ARGUMENT.withDescription("malformed payload").asRuntimeException();
        }
    }
}
