package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction larger than the node's gRPC message limit is refused unread (RESOURCE_EXHAUSTED):
 * it was never taken, so it is a SubmitException PAYLOAD_TOO_LARGE naming the limit, not an
 * outcome-unknown TransactionException telling the caller it may still commit.
 *
 * <p>A batch larger than that limit (a node or a proxy in front of it with a lower limit than the
 * SDK's own batch size) is refused unread the same way: nothing of it was taken, so submitAll sends
 * it again in calls the node accepts, and answers a transaction too large for any call
 * PAYLOAD_TOO_LARGE in its place, as the method promises refusals ("reported in the responses, not
 * thrown"). Before, the whole batch failed with a bare GatewayException.
 */
class OversizeSubmitTest {
    private static final int NODE_MESSAGE_LIMIT = 64 * 1024;

    /** Calls started, including those refused for their size (their headers arrive; their message is not read). */
    private final AtomicInteger calls = new AtomicInteger();
    private FakeTransactionService transactions;
    private Server server;
    private ManagedChannel channel;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        FakeLedgerService ledger = new FakeLedgerService(SignatureScheme.ECDSA_P256_SHA256.hash(), FakeNode.CHANNEL);
        transactions = new FakeTransactionService(SignatureScheme.ECDSA_P256_SHA256, ledger);
        // a real transport: the message limit is enforced where the node's bytes are read
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(NODE_MESSAGE_LIMIT).addService(ledger)
                .addService(ServerInterceptors.intercept(transactions, counting())).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        gateway = Gateway.newInstance().connection(channel)
                .identity(TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256)).connect();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void a_transaction_over_the_nodes_message_limit_is_refused_as_payload_too_large() {
        Contract contract = gateway.channel(FakeNode.CHANNEL).contract("asset");

        assertThatThrownBy(() -> contract.submit("create", "asset-1", "x".repeat(4 * NODE_MESSAGE_LIMIT)))
                .isInstanceOfSatisfying(SubmitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.reason()).contains("more than the " + NODE_MESSAGE_LIMIT + " bytes");
                    assertThat(e.transactionId()).hasSize(64);
                })
                .message().doesNotContain("may still commit");
        assertThat(transactions.received).isEmpty();

        // the connection is still good for a transaction of ordinary size
        assertThat(contract.submit("create", "asset-2", "blue").resultAsString()).isEqualTo("ok:create");
    }

    @Test
    void a_batch_over_the_nodes_message_limit_is_split_into_calls_the_node_accepts() {
        Channel ch = gateway.channel(FakeNode.CHANNEL);
        List<Transaction> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(ch.newTransaction("asset", "create", "asset-" + i, "x".repeat(4096)));
        }
        batch.add(20, ch.newTransaction("asset", "create", "huge", "x".repeat(4 * NODE_MESSAGE_LIMIT)));

        List<SubmitResponse> responses = ch.submitAll(batch, true);

        assertThat(responses).hasSize(41);
        for (int i = 0; i < 41; i++) {
            assertThat(responses.get(i).getTransactionId()).isEqualTo(ch.transactionId(batch.get(i)));
            if (i != 20) {
                assertThat(responses.get(i).getStatus()).as("transaction %d", i).isEqualTo(TransactionStatus.COMMITTED);
                assertThat(responses.get(i).getCode()).isEqualTo(ValidationCode.VALID);
            }
        }
        SubmitResponse huge = responses.get(20);
        assertThat(huge.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(huge.getCode()).isEqualTo(ValidationCode.PAYLOAD_TOO_LARGE);
        assertThat(huge.getReason()).contains("more than the " + NODE_MESSAGE_LIMIT + " bytes");
        assertThat(transactions.received).hasSize(40);
        assertThat(transactions.batchSizes).as("calls of at most the node's limit").hasSizeGreaterThan(1)
                .allSatisfy(n -> assertThat(n * 4096).isLessThan(NODE_MESSAGE_LIMIT));

        // learnt: a later batch over the limit goes out in calls that fit, without a refused call first
        int accepted = transactions.batchSizes.size();
        int started = calls.get();
        List<Transaction> more = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            more.add(ch.newTransaction("asset", "create", "more-" + i, "x".repeat(4096)));
        }
        assertThat(ch.submitAll(more, false)).extracting(SubmitResponse::getStatus)
                .containsOnly(TransactionStatus.ACCEPTED);
        assertThat(transactions.received).hasSize(80);
        assertThat(calls.get() - started).as("calls, none refused").isEqualTo(transactions.batchSizes.size() - accepted);
    }

    private ServerInterceptor counting() {
        return new ServerInterceptor() {
            @Override
            public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call,
                    io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, A> next) {
                calls.incrementAndGet();
                return next.startCall(call, headers);
            }
        };
    }
}
