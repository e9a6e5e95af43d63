package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction larger than the node's gRPC message limit is refused unread (RESOURCE_EXHAUSTED):
 * it was never taken, so it is a SubmitException PAYLOAD_TOO_LARGE naming the limit, not an
 * outcome-unknown TransactionException telling the caller it may still commit.
 */
class OversizeSubmitTest {
    private static final int NODE_MESSAGE_LIMIT = 64 * 1024;

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
                .maxInboundMessageSize(NODE_MESSAGE_LIMIT).addService(ledger).addService(transactions).build().start();
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
}
