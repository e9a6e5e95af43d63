package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    private FakeNode node;
    private Gateway gateway;
    private Channel channel;

    @BeforeEach
    void connect() {
        node = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
        gateway = Gateway.newInstance().connection(node.channel).identity(IDENTITY).connect();
        channel = gateway.channel(FakeNode.CHANNEL);
    }

    @AfterEach
    void close() throws Exception {
        gateway.close();
        node.close();
    }

    @Test
    void chain_info_and_blocks_by_number_and_hash_come_from_the_ledger() {
        channel.contract("asset").submit("create", "a");

        assertThat(channel.chainInfo().getHeight()).isEqualTo(2);
        Block block = channel.blockByNumber(1);
        assertThat(block.getTransactionsCount()).isEqualTo(1);
        assertThat(channel.blockByHash(block.getHash().toByteArray())).isEqualTo(block);
    }

    @Test
    void a_missing_block_is_a_GatewayException_with_status_NOT_FOUND() {
        assertThatThrownBy(() -> channel.blockByNumber(42))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status())
                        .get().extracting(Status::getCode).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void the_receipt_of_a_committed_transaction_passes_proof_verification() {
        SubmitResult result = channel.contract("notarization").submit("record", "ab12");

        ReceiptVerification check = ProofVerifier.check(channel.transaction(result.transactionId()),
                SignatureScheme.ECDSA_P256_SHA256.hash());
        assertThat(check.failure()).isNull();
        assertThat(check.verdictProven()).isTrue();
    }

    @Test
    void submit_all_reports_each_transaction_in_order_without_throwing() {
        node.transactions.verdict = p -> p.getArgs(0).toStringUtf8().equals("bad")
                ? FakeTransactionService.Verdict.refused(ValidationCode.MALFORMED, "bad")
                : FakeTransactionService.Verdict.valid("ok");
        List<Transaction> batch = List.of(
                channel.newTransaction("kv", "put", "good"),
                channel.newTransaction("kv", "put", "bad"),
                channel.newTransaction("kv", "put", "good"));

        List<SubmitResponse> responses = channel.submitAll(batch, true);

        assertThat(responses).extracting(SubmitResponse::getStatus).containsExactly(
                TransactionStatus.COMMITTED, TransactionStatus.REJECTED, TransactionStatus.COMMITTED);
        assertThat(responses.get(0).getTransactionId()).isEqualTo(channel.transactionId(batch.get(0)));
        assertThat(responses.get(2).getBlockNumber()).isEqualTo(1);
    }

    @Test
    void submit_all_splits_large_lists_into_several_wire_batches() {
        List<Transaction> many = new ArrayList<>();
        IntStream.range(0, Submitter.MAX_BATCH_TRANSACTIONS + 5)
                .forEach(i -> many.add(channel.newTransaction("kv", "put", "k" + i)));

        List<SubmitResponse> responses = channel.submitAll(many, false);

        assertThat(responses).hasSize(many.size()).allMatch(r -> r.getStatus() == TransactionStatus.ACCEPTED);
        assertThat(node.transactions.batchSizes).containsExactlyInAnyOrder(Submitter.MAX_BATCH_TRANSACTIONS, 5);
        assertThat(responses.get(many.size() - 1).getTransactionId())
                .isEqualTo(channel.transactionId(many.get(many.size() - 1)));
    }

    @Test
    void the_answer_to_a_call_of_one_batch_is_read_on_the_calling_thread() {
        List<Thread> readers = new CopyOnWriteArrayList<>();
        ClientInterceptor recorder = new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options,
                    io.grpc.Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onMessage(A message) {
                                readers.add(Thread.currentThread());
                                super.onMessage(message);
                            }
                        }, headers);
                    }
                };
            }
        };
        try (Gateway recorded = Gateway.newInstance().connection(ClientInterceptors.intercept(node.channel, recorder))
                .identity(IDENTITY).connect()) {
            Channel ch = recorded.channel(FakeNode.CHANNEL);

            List<SubmitResponse> responses = ch.submitAll(List.of(ch.newTransaction("kv", "put", "one")), true);

            assertThat(responses).extracting(SubmitResponse::getStatus).containsExactly(TransactionStatus.COMMITTED);
            // no hand-off through gRPC's default executor, which cost every call of one a thread wake-up
            assertThat(readers).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void calls_fail_over_to_the_next_endpoint_when_one_is_unreachable() throws Exception {
        SubmitResult result = withTheFirstEndpointDown(ch -> ch.contract("asset").submit("create", "x"));
        List<SubmitResponse> responses = withTheFirstEndpointDown(
                ch -> ch.submitAll(List.of(ch.newTransaction("kv", "put", "x")), true));

        assertThat(result.blockNumber()).isEqualTo(1);
        assertThat(responses).as("a call of one batch too").extracting(SubmitResponse::getStatus)
                .containsExactly(TransactionStatus.COMMITTED);
    }

    /** Makes {@code call} through a new gateway whose first endpoint is a node that is down. */
    private <T> T withTheFirstEndpointDown(Function<Channel, T> call) throws Exception {
        try (FakeNode dead = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
                Gateway failover = Gateway.newInstance()
                        .connection(dead.channel).connection(node.channel).identity(IDENTITY).connect()) {
            dead.server.shutdownNow();
            return call.apply(failover.channel(FakeNode.CHANNEL));
        }
    }

    @Test
    void a_closed_gateway_refuses_calls() {
        gateway.close();

        assertThatThrownBy(() -> channel.chainInfo()).isInstanceOf(GatewayException.class)
                .hasMessageContaining("closed");
    }
}
