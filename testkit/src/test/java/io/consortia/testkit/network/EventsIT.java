package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.sdk.Channel;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.EventFilter;
import io.consortia.sdk.NftClient;
import io.consortia.sdk.SubmitResult;
import io.consortia.sdk.Subscription;
import io.consortia.sdk.TraceabilityClient;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filtered event streams on three organisations, one node process each: a subscriber gets exactly the
 * events of its contract and names, from any node, in order, and can start again from a block.
 */
class EventsIT {
    private static MiniNetwork network;

    @BeforeAll
    static void start() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void a_filtered_subscription_receives_exactly_the_matching_events_and_resumes_from_a_block() {
        Channel viaNode0 = network.gateway(0).channel("main");
        Channel viaNode1 = network.gateway(1).channel("main");
        Channel viaNode2 = network.gateway(2).channel("main");
        long from = viaNode0.chainInfo().getHeight();
        List<String> transfers = new CopyOnWriteArrayList<>();
        List<String> traces = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();

        try (Subscription nftTransfers = viaNode2.subscribeEvents(EventFilter.contract("nft").names("nft.transferred"),
                from, event -> transfers.add(describe(event)));
                Subscription trace = viaNode1.subscribeEvents(EventFilter.contract("traceability"), from,
                        event -> traces.add(describe(event)));
                Subscription all = viaNode0.subscribeEvents(EventFilter.all(), from, event -> everything.add(describe(event)))) {
            NftClient org1 = NftClient.on(viaNode0);
            NftClient org2 = NftClient.on(viaNode1);
            String org2Account = org2.account();
            String org1Account = org1.account();

            // mixed traffic through every node: nft, traceability, token, and refused calls (which emit nothing)
            org1.createCollection("ev", "Events");
            SubmitResult mint = org1.mint("ev", "t-1", org2Account, "u");
            viaNode2.contract("token").submit("create", "EVT", "event token", "100");
            TraceabilityClient trace1 = TraceabilityClient.on(viaNode0);
            SubmitResult created = trace1.createBatch("ev-batch", "Rice", Map.of());
            assertThatThrownBy(() -> NftClient.on(viaNode2).transfer("ev", "t-1", org1Account)).isInstanceOf(CommitException.class);
            SubmitResult transfer = org2.transfer("ev", "t-1", org1Account);
            SubmitResult custody = trace1.transferCustody("ev-batch", "org2", "");
            SubmitResult mint2 = org1.mint("ev", "t-2", org1Account, "u");

            List<String> expectedTransfers = List.of(
                    mint.blockNumber() + " " + mint.transactionId() + " nft nft.transferred",
                    transfer.blockNumber() + " " + transfer.transactionId() + " nft nft.transferred",
                    mint2.blockNumber() + " " + mint2.transactionId() + " nft nft.transferred");
            List<String> expectedTraces = List.of(
                    created.blockNumber() + " " + created.transactionId() + " traceability traceability.created",
                    custody.blockNumber() + " " + custody.transactionId() + " traceability traceability.custodyTransferred");
            await("the filtered events").atMost(Duration.ofSeconds(60))
                    .until(() -> transfers.size() >= 3 && traces.size() >= 2 && everything.size() >= 9);
            // streams are ordered: once the last transaction's events arrived, every earlier block was filtered
            long height = viaNode0.chainInfo().getHeight();
            assertThat(transfers).containsExactlyElementsOf(expectedTransfers);
            assertThat(traces).containsExactlyElementsOf(expectedTraces);
            // collection created, 2 x (minted, transferred), token.created, batch created, transferred, custody
            assertThat(everything).extracting(e -> e.substring(e.lastIndexOf(' ') + 1)).containsExactly(
                    "nft.collectionCreated", "nft.minted", "nft.transferred", "token.created", "traceability.created",
                    "nft.transferred", "traceability.custodyTransferred", "nft.minted", "nft.transferred");
            assertThat(nftTransfers.nextBlockNumber()).isEqualTo(mint2.blockNumber());
            assertThat(height).isGreaterThan(mint2.blockNumber());

            // the events are those recorded in the blocks, in block order; read through node 1, which may
            // not have node 0's last blocks yet
            network.awaitHeight(height);
            List<String> fromBlocks = new ArrayList<>();
            for (long n = from; n < height; n++) {
                Block block = viaNode1.blockByNumber(n);
                block.getTransactionsList().forEach(tx -> tx.getEventsList().forEach(e -> fromBlocks.add(e.getName())));
            }
            assertThat(everything).extracting(e -> e.substring(e.lastIndexOf(' ') + 1)).containsExactlyElementsOf(fromBlocks);
        }

        // a new subscription from the transfer's block gets that transfer and what followed, nothing before
        List<String> resumed = new CopyOnWriteArrayList<>();
        long resumeAt = Long.parseLong(transfers.get(1).split(" ")[0]);
        try (Subscription again = viaNode0.subscribeEvents(EventFilter.contract("nft").names("nft.transferred"),
                resumeAt, event -> resumed.add(describe(event)))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> resumed.size() >= 2);
            assertThat(resumed).containsExactlyElementsOf(transfers.subList(1, 3));
        }
    }

    /**
     * The subscriber's only node crashes while events are committed elsewhere: once it is back and has caught
     * up, the subscription delivers the missed events, none twice.
     */
    @Test
    void a_subscription_through_a_crashed_node_resumes_after_its_restart_without_losing_or_repeating_events() {
        // no node may be a follower at this instant (an election under load): wait until one is
        MiniNode follower = await("a follower").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> network.nodes().stream()
                        .filter(n -> network.admin(n).status().getChannels(0).getRaftRole().equals("FOLLOWER"))
                        .findFirst().orElse(null), java.util.Objects::nonNull);
        MiniNode other = network.nodes().stream().filter(n -> n != follower).findFirst().orElseThrow();
        NftClient writer = NftClient.on(network.gateway(other, other.organization()).channel("main"));
        String owner = writer.account();
        String receiver = NftClient.on(network.gateway(follower, follower.organization()).channel("main")).account();
        Channel reader = network.gateway(follower, follower.organization()).channel("main");
        long from = reader.chainInfo().getHeight();
        List<String> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = reader.subscribeEvents(EventFilter.contract("nft").names("nft.minted"), from,
                event -> received.add(event.getTransactionId()))) {
            writer.createCollection("restart", "Restart");
            List<String> minted = new ArrayList<>();
            minted.add(writer.mint("restart", "r-1", owner, "").transactionId());
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);

            follower.kill();
            minted.add(writer.mint("restart", "r-2", receiver, "").transactionId());
            minted.add(writer.mint("restart", "r-3", owner, "").transactionId());
            follower.restart();
            minted.add(writer.mint("restart", "r-4", owner, "").transactionId());

            await("the missed events after the restart").atMost(Duration.ofSeconds(120)).until(() -> received.size() >= 4);
            assertThat(received).containsExactlyElementsOf(minted);
            assertThat(subscription.isClosed()).isFalse();
        }
    }

    @Test
    void an_oversized_filter_is_refused_with_invalid_argument() throws Exception {
        MiniNode node = network.nodes().get(0);
        IssuedCredential tls = network.caFor("org1").issueTls(CertificateRole.USER, "raw-client",
                List.of("127.0.0.1"), Duration.ofDays(1));
        ManagedChannel raw = NettyChannelBuilder.forAddress("127.0.0.1", node.apiPort())
                .sslContext(GrpcSslContexts.forClient().keyManager(tls.privateKey(), tls.certificate())
                        .trustManager(network.tlsRoots().toArray(java.security.cert.X509Certificate[]::new)).build())
                .build();
        try {
            StreamEventsRequest request = StreamEventsRequest.newBuilder().setChannel("main").setContract("c".repeat(65)).build();
            assertThatThrownBy(() -> LedgerServiceGrpc.newBlockingStub(raw).streamEvents(request).hasNext())
                    .isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("contract name is 65 characters");
            StreamEventsRequest unknown = StreamEventsRequest.newBuilder().setChannel("nope").build();
            assertThatThrownBy(() -> LedgerServiceGrpc.newBlockingStub(raw).streamEvents(unknown).hasNext())
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
        } finally {
            raw.shutdownNow();
        }
    }

    private static String describe(ContractEvent event) {
        return event.getBlockNumber() + " " + event.getTransactionId() + " " + event.getContract() + " " + event.getName();
    }
}
