package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    private FakeNode node;
    private Gateway gateway;
    private Contract contract;

    @BeforeEach
    void connect() {
        node = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
        gateway = Gateway.newInstance().connection(node.channel).identity(IDENTITY).connect();
        contract = gateway.channel(FakeNode.CHANNEL).contract("asset");
    }

    @AfterEach
    void close() throws Exception {
        gateway.close();
        node.close();
    }

    @Test
    void submit_returns_the_block_number_and_the_result_of_a_valid_transaction() {
        SubmitResult result = contract.submit("create", "asset-1", "blue");

        assertThat(result.blockNumber()).isEqualTo(1);
        assertThat(result.resultAsString()).isEqualTo("ok:create");
        assertThat(result.transactionId()).hasSize(64);
    }

    @Test
    void submit_sends_a_payload_signed_by_the_identity_with_creator_nonce_and_arguments() {
        contract.submit("create", "asset-1", "blue");

        TransactionPayload payload = node.transactions.received.get(0);
        assertThat(payload.getChannel()).isEqualTo("main");
        assertThat(payload.getContract()).isEqualTo("asset");
        assertThat(payload.getFunction()).isEqualTo("create");
        assertThat(payload.getArgsList()).extracting(a -> a.toString(StandardCharsets.UTF_8))
                .containsExactly("asset-1", "blue");
        assertThat(payload.getCreator().getOrganization()).isEqualTo("org1");
        assertThat(payload.getCreator().getCertificate().size()).isGreaterThan(100);
        assertThat(payload.getNonce().size()).isEqualTo(16);
        assertThat(payload.getTimestampMillis()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void once_a_transaction_committed_later_ones_name_the_certificate_by_its_id() throws Exception {
        contract.submit("create", "asset-1", "blue");
        contract.submit("create", "asset-2", "red");

        TransactionPayload first = node.transactions.received.get(0);
        TransactionPayload second = node.transactions.received.get(1);
        assertThat(first.getCreator().hasCertificate()).isTrue();
        assertThat(second.getCreator().getCertificateId().toByteArray()).isEqualTo(
                IDENTITY.scheme().hash().digest(IDENTITY.certificate().getEncoded()));
        assertThat(second.getSerializedSize()).isLessThan(first.getSerializedSize() / 2);
    }

    @Test
    void a_node_that_does_not_know_the_id_gets_the_certificate_again() throws Exception {
        contract.submit("create", "asset-1", "blue");
        node.transactions.verdict = p -> p.getCreator().hasCertificateId()
                ? FakeTransactionService.Verdict.refused(ValidationCode.UNKNOWN_CERTIFICATE, "not registered here")
                : FakeTransactionService.Verdict.valid("ok:" + p.getFunction());

        SubmitResult result = contract.submit("create", "asset-2", "red");

        assertThat(result.resultAsString()).isEqualTo("ok:create");
        assertThat(node.transactions.received).extracting(p -> p.getCreator().getCredentialCase().name())
                .containsExactly("CERTIFICATE", "CERTIFICATE_ID", "CERTIFICATE");
    }

    @Test
    void a_transaction_refused_for_an_unknown_id_makes_the_next_ones_carry_the_certificate() throws Exception {
        Channel channel = gateway.channel(FakeNode.CHANNEL);
        contract.submit("create", "asset-1", "blue");
        node.transactions.verdict = p -> p.getCreator().hasCertificateId()
                ? FakeTransactionService.Verdict.refused(ValidationCode.UNKNOWN_CERTIFICATE, "not registered here")
                : FakeTransactionService.Verdict.valid("ok:" + p.getFunction());
        var byId = channel.newTransaction("asset", "create", "asset-2", "red");

        assertThatThrownBy(() -> channel.submit(byId)).isInstanceOfSatisfying(SubmitException.class,
                e -> assertThat(e.code()).isEqualTo(ValidationCode.UNKNOWN_CERTIFICATE));
        TransactionPayload next = TransactionPayload.parseFrom(
                channel.newTransaction("asset", "create", "asset-2", "red").getPayload());

        assertThat(TransactionPayload.parseFrom(byId.getPayload()).getCreator().hasCertificateId()).isTrue();
        assertThat(next.getCreator().hasCertificate()).isTrue();
    }

    @Test
    void without_certificate_ids_every_transaction_carries_the_certificate() {
        try (Gateway plain = Gateway.newInstance().connection(node.channel).identity(IDENTITY)
                .certificateIds(false).connect()) {
            Contract asset = plain.channel(FakeNode.CHANNEL).contract("asset");
            asset.submit("create", "asset-1", "blue");
            asset.submit("create", "asset-2", "red");
        }

        assertThat(node.transactions.received).allSatisfy(p -> assertThat(p.getCreator().hasCertificate()).isTrue());
    }

    @Test
    void submit_throws_SubmitException_with_the_code_when_admission_refuses() {
        node.transactions.verdict = p -> FakeTransactionService.Verdict.refused(
                ValidationCode.TIMESTAMP_OUT_OF_WINDOW, "clock skew");

        assertThatThrownBy(() -> contract.submit("create", "asset-1"))
                .isInstanceOfSatisfying(SubmitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
                    assertThat(e.reason()).isEqualTo("clock skew");
                    assertThat(e.transactionId()).hasSize(64);
                });
        assertThat(node.ledger.liveStreams()).isZero();
    }

    @Test
    void submit_throws_CommitException_with_code_and_block_when_committed_invalid() {
        node.transactions.verdict = p -> FakeTransactionService.Verdict.invalid(
                ValidationCode.CONTRACT_REJECTED, "asset-1 already exists");

        assertThatThrownBy(() -> contract.submit("create", "asset-1"))
                .isInstanceOfSatisfying(CommitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
                    assertThat(e.reason()).isEqualTo("asset-1 already exists");
                    assertThat(e.blockNumber()).isEqualTo(1);
                });
    }

    @Test
    void submit_async_returns_the_id_at_admission_and_await_commit_follows_new_blocks() {
        SubmittedTransaction submitted = contract.submitAsync("create", "asset-1");
        CompletableFuture<SubmitResult> commit = CompletableFuture.supplyAsync(submitted::awaitCommit);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.ledger.liveStreams() == 1);

        node.transactions.commitPending();

        SubmitResult result = commit.join();
        assertThat(result.transactionId()).isEqualTo(submitted.transactionId());
        assertThat(result.blockNumber()).isEqualTo(1);
        assertThat(result.resultAsString()).isEqualTo("ok:create");
    }

    @Test
    void await_commit_finds_a_transaction_that_committed_before_it_was_called() {
        SubmittedTransaction submitted = contract.submitAsync("create", "asset-1");
        node.transactions.commitPending();

        assertThat(submitted.awaitCommit().blockNumber()).isEqualTo(1);
        assertThat(node.ledger.streamRequests).isEmpty();
    }

    @Test
    void evaluate_returns_the_function_result() {
        byte[] result = contract.evaluate("read", "asset-1");

        assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo("ok:read");
        assertThat(node.ledger.streamRequests).isEmpty();
    }

    @Test
    void evaluate_throws_GatewayException_with_the_node_status_when_the_contract_refuses() {
        node.transactions.verdict = p -> FakeTransactionService.Verdict.invalid(
                ValidationCode.CONTRACT_REJECTED, "no such asset");

        assertThatThrownBy(() -> contract.evaluate("read", "nope"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).get().extracting(Status::getCode).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("asset.read").contains("no such asset");
                });
    }

    @Test
    void submit_throws_TransactionException_with_the_id_when_the_node_is_unreachable() throws Exception {
        node.close();

        assertThatThrownBy(() -> contract.submit("create", "asset-1"))
                .isExactlyInstanceOf(TransactionException.class)
                .satisfies(e -> assertThat(((TransactionException) e).transactionId()).hasSize(64))
                .hasMessageContaining("look it up");
    }

    @Test
    void submitting_the_same_transaction_id_is_what_the_channel_predicts() {
        Channel channel = gateway.channel(FakeNode.CHANNEL);
        var transaction = channel.newTransaction("asset", "create", "asset-9");

        SubmitResult result = channel.submit(transaction);

        assertThat(result.transactionId()).isEqualTo(channel.transactionId(transaction));
    }
}
