package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitBatchResponse;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node a submission went to hands it on and then fails (kill -9 of the preferred node); the
 * SDK fails over and re-sends the same transaction, which the next node refuses as
 * DUPLICATE_TRANSACTION_ID. The transaction is committed all the same: the caller must get its
 * outcome, not a SubmitException saying nothing was recorded.
 */
class FailoverDuplicateTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    /** The node that stays up: refuses a transaction it has seen, as a real node does. */
    private FakeNode survivor;
    /** Hands every submission on to the survivor, then answers UNAVAILABLE, as a node dying mid-call. */
    private Server dying;
    private ManagedChannel toDying;
    private final Set<TransactionPayload> seen = ConcurrentHashMap.newKeySet();
    private volatile FakeTransactionService.Verdict verdict = FakeTransactionService.Verdict.valid("ok");

    @BeforeEach
    void start() throws Exception {
        survivor = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
        survivor.transactions.verdict = p -> seen.add(p) ? verdict
                : FakeTransactionService.Verdict.refused(ValidationCode.DUPLICATE_TRANSACTION_ID,
                        "transaction was already submitted");
        TransactionServiceGrpc.TransactionServiceBlockingStub leader =
                TransactionServiceGrpc.newBlockingStub(survivor.channel);
        String name = InProcessServerBuilder.generateName();
        dying = InProcessServerBuilder.forName(name).addService(new TransactionServiceGrpc.TransactionServiceImplBase() {
            @Override
            public void submitBatch(SubmitBatchRequest request, StreamObserver<SubmitBatchResponse> response) {
                leader.submitBatch(request); // handed on to the leader...
                response.onError(Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException()); // ...then gone
            }
        }).build().start();
        toDying = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws Exception {
        toDying.shutdownNow();
        dying.shutdownNow();
        dying.awaitTermination(5, TimeUnit.SECONDS);
        survivor.close();
    }

    private Gateway gateway() {
        return Gateway.newInstance().connection(toDying).connection(survivor.channel).identity(IDENTITY)
                .commitTimeout(Duration.ofSeconds(10)).connect();
    }

    @Test
    void submit_returns_the_commit_of_the_transaction_the_dying_node_handed_on() {
        try (Gateway gateway = gateway()) {
            SubmitResult result = gateway.channel(FakeNode.CHANNEL).contract("notarization").submit("record", "ab12");

            assertThat(result.blockNumber()).isEqualTo(1);
            assertThat(result.result()).asString().isEqualTo("ok");
            assertThat(survivor.transactions.received).as("sent once, re-sent once").hasSize(2);
            assertThat(survivor.ledger.transactionCount()).as("recorded once").isEqualTo(1);
        }
    }

    @Test
    void an_invalid_commit_of_the_handed_on_transaction_is_a_CommitException() {
        verdict = FakeTransactionService.Verdict.invalid(ValidationCode.CONTRACT_REJECTED, "already notarized");
        try (Gateway gateway = gateway()) {
            Contract contract = gateway.channel(FakeNode.CHANNEL).contract("notarization");

            assertThatThrownBy(() -> contract.submit("record", "ab12"))
                    .isInstanceOfSatisfying(CommitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
                        assertThat(e.blockNumber()).isEqualTo(1);
                    });
        }
    }

    @Test
    void submit_async_waits_for_the_commit_of_the_handed_on_transaction() {
        try (Gateway gateway = gateway()) {
            SubmittedTransaction pending = gateway.channel(FakeNode.CHANNEL).contract("notarization")
                    .submitAsync("record", "ab12");
            CompletableFuture<SubmitResult> commit = CompletableFuture.supplyAsync(pending::awaitCommit);
            await().atMost(Duration.ofSeconds(10)).until(() -> !survivor.ledger.streamRequests.isEmpty());

            survivor.transactions.commitPending();

            assertThat(commit).succeedsWithin(Duration.ofSeconds(10))
                    .satisfies(r -> assertThat(r.transactionId()).isEqualTo(pending.transactionId()))
                    .extracting(SubmitResult::blockNumber).isEqualTo(1L);
        }
    }

    @Test
    void submit_all_answers_the_commit_of_the_handed_on_transactions() {
        try (Gateway gateway = gateway()) {
            Channel channel = gateway.channel(FakeNode.CHANNEL);
            List<Transaction> batch = List.of(channel.newTransaction("kv", "put", "a"),
                    channel.newTransaction("kv", "put", "b"));

            List<SubmitResponse> responses = channel.submitAll(batch, true);

            assertThat(responses).extracting(SubmitResponse::getStatus)
                    .containsExactly(TransactionStatus.COMMITTED, TransactionStatus.COMMITTED);
            assertThat(responses).extracting(SubmitResponse::getCode)
                    .containsExactly(ValidationCode.VALID, ValidationCode.VALID);
            assertThat(responses).extracting(SubmitResponse::getBlockNumber).containsExactly(1L, 1L);
            assertThat(responses.get(1).getTransactionId()).isEqualTo(channel.transactionId(batch.get(1)));
        }
    }

    @Test
    void the_same_signed_transaction_submitted_again_answers_its_first_outcome() {
        try (Gateway gateway = Gateway.newInstance().connection(survivor.channel).identity(IDENTITY).connect()) {
            Channel channel = gateway.channel(FakeNode.CHANNEL);
            Transaction transaction = channel.newTransaction("notarization", "record", "ab12");
            SubmitResult first = channel.submit(transaction);

            SubmitResult again = channel.submit(transaction);

            assertThat(again.transactionId()).isEqualTo(first.transactionId());
            assertThat(again.blockNumber()).isEqualTo(first.blockNumber());
            assertThat(survivor.ledger.transactionCount()).as("recorded once").isEqualTo(1);
        }
    }
}
