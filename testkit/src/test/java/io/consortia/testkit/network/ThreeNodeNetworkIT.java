package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.OrderRequest;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three organisations, one node process each, channel "main", mutual TLS everywhere. */
class ThreeNodeNetworkIT {
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
    void transactions_submitted_to_any_node_commit_on_all_nodes_with_identical_blocks() {
        List<String> ids = new ArrayList<>();
        long height = 0;
        for (int i = 0; i < network.nodes().size(); i++) {
            Gateway gateway = network.gateway(i);
            Channel channel = gateway.channel("main");
            for (int k = 0; k < 5; k++) {
                String hash = Hashes.hex(Hashes.sha256().digest(("doc-" + i + "-" + k).getBytes()));
                SubmitResult result = channel.contract("notarization").submit("record", hash, "node " + i);
                ids.add(result.transactionId());
                height = Math.max(height, result.blockNumber() + 1);
            }
        }
        // the last writes went through the last node: node 0 may not have them yet, so wait for the
        // highest block any write was acknowledged in rather than for node 0's height
        network.awaitHeight(height);

        for (MiniNode node : network.nodes()) {
            Channel channel = network.gateway(node, node.organization()).channel("main");
            for (String id : ids) {
                assertThat(channel.transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
            }
        }
        for (long n = 0; n < height; n++) {
            List<String> hashes = new ArrayList<>();
            for (MiniNode node : network.nodes()) {
                Block block = network.gateway(node, node.organization()).channel("main").blockByNumber(n);
                hashes.add(Hashes.hex(block.getHash().toByteArray()));
            }
            assertThat(hashes).as("hashes of block %d on every node", n).containsOnly(hashes.get(0));
        }
    }

    @Test
    void after_its_first_commit_a_client_names_its_certificate_by_id_and_every_node_accepts_it() throws Exception {
        MiniNode entry = network.nodes().get(0);
        MiniNode elsewhere = network.nodes().get(2);
        Channel channel = network.gateway(entry, "org2").channel("main");
        var notarization = channel.contract("notarization");

        SubmitResult carrying = notarization.submit("record", Hashes.hex(Hashes.sha256().digest("id-1".getBytes())), "a");
        SubmitResult byId = notarization.submit("record", Hashes.hex(Hashes.sha256().digest("id-2".getBytes())), "b");
        network.awaitHeight(byId.blockNumber() + 1);

        Channel reader = network.gateway(elsewhere, elsewhere.organization()).channel("main");
        TransactionInfo first = reader.transaction(carrying.transactionId());
        TransactionInfo second = reader.transaction(byId.transactionId());
        assertThat(creator(first).hasCertificate()).isTrue();
        assertThat(creator(second).hasCertificateId()).isTrue();
        assertThat(second.getCreatorCertificate()).as("the node adds the registered certificate for readers")
                .isEqualTo(creator(first).getCertificate());
        assertThat(first.getCreatorCertificate()).isEmpty();
        assertThat(second.getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(second.getTransaction().getTransaction().getSerializedSize())
                .isLessThan(first.getTransaction().getTransaction().getSerializedSize() / 2);
        // another node admits a transaction naming the id too (a new gateway carries the certificate once)
        var viaElsewhere = network.gateway(elsewhere, "org2").channel("main").contract("notarization");
        viaElsewhere.submit("record", Hashes.hex(Hashes.sha256().digest("id-3".getBytes())), "c");
        SubmitResult admittedElsewhere = viaElsewhere.submit("record",
                Hashes.hex(Hashes.sha256().digest("id-4".getBytes())), "d");
        assertThat(creator(reader.transaction(admittedElsewhere.transactionId())).hasCertificateId()).isTrue();
    }

    private static Creator creator(TransactionInfo info) throws Exception {
        return TransactionPayload.parseFrom(info.getTransaction().getTransaction().getPayload()).getCreator();
    }

    /**
     * An operator reads ERROR in a node's log as a fault. Each node's first proposal used to go to
     * whichever peer Ratis tried first and, unless that was the leader, was redirected with an
     * ERROR line in the proposing node's log (with three nodes, in two of them on most starts).
     */
    @Test
    void a_new_network_that_commits_through_every_node_logs_no_error() throws Exception {
        for (int i = 0; i < network.nodes().size(); i++) {
            String hash = Hashes.hex(Hashes.sha256().digest(("first-" + i).getBytes()));
            network.gateway(i).channel("main").contract("notarization").submit("record", hash, "node " + i);
        }
        for (MiniNode node : network.nodes()) {
            List<String> errors = java.nio.file.Files.readAllLines(node.logFile()).stream()
                    .filter(line -> line.contains(" ERROR ")).toList();
            assertThat(errors).as("ERROR lines in %s", node.logFile()).isEmpty();
        }
    }

    /** Nodes hand their batches to the channel's leader (PeerService.Order), which orders them with its own. */
    @Test
    void transactions_handed_to_the_leader_are_committed_on_every_node() throws Exception {
        Transaction tx = network.gateway(0).channel("main").newTransaction("notarization", "record",
                Hashes.hex(Hashes.sha256().digest("handed-to-leader".getBytes())), "x");
        // Node 0 may not know a leader at this instant, and leadership may move between asking and
        // ordering (a non-leader refuses Order): ask and hand over until a leader takes it. Handing the
        // same transaction over twice records it once (the executor leaves an ordered id out).
        await("the leader takes the transaction").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> {
                    String leaderId = network.admin(network.nodes().get(0)).status().getChannels(0).getRaftLeader();
                    assertThat(leaderId).as("the leader node 0 knows").isNotEmpty();
                    ManagedChannel raw = rawChannel(network.node(leaderId));
                    try {
                        PeerServiceGrpc.newBlockingStub(raw).withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                                .order(OrderRequest.newBuilder().setChannel("main").addTransactions(tx).build());
                    } finally {
                        raw.shutdownNow();
                    }
                });
        String id = network.gateway(0).channel("main").transactionId(tx);
        for (MiniNode node : network.nodes()) {
            org.awaitility.Awaitility.await("the handed-over transaction on " + node.nodeId())
                    .atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(network.gateway(node, node.organization()).channel("main")
                            .transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID));
        }
    }

    /** As a peer of org1: peer calls need a TLS certificate with the node role. */
    private static ManagedChannel rawChannel(MiniNode node) throws Exception {
        IssuedCredential tls = network.caFor("org1").issueTls(io.consortia.crypto.CertificateRole.NODE, "peer",
                List.of("127.0.0.1"), Duration.ofDays(1));
        return NettyChannelBuilder.forAddress("127.0.0.1", node.apiPort())
                .sslContext(GrpcSslContexts.forClient().keyManager(tls.privateKey(), tls.certificate())
                        .trustManager(network.tlsRoots().toArray(java.security.cert.X509Certificate[]::new)).build())
                .build();
    }

    /**
     * Threads of one application share its gateway: what they submit at the same time goes to the
     * node in shared calls (the SDK merges them), and each thread must still get the answer to
     * its own transaction — its id, its block, its contract result.
     */
    @Test
    void threads_sharing_one_gateway_each_get_the_answer_to_their_own_transaction() throws Exception {
        Gateway gateway = network.gateway(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            List<String> hashes = new ArrayList<>();
            List<java.util.concurrent.Future<SubmitResult>> results = new ArrayList<>();
            for (int i = 0; i < 72; i++) {
                String hash = Hashes.hex(Hashes.sha256().digest(("shared-gateway-" + i).getBytes()));
                hashes.add(hash);
                // a Channel object per call, as the platform's gateway makes them: they share calls all the same
                results.add(threads.submit(() -> gateway.channel("main").contract("notarization")
                        .submit("record", hash, "one of many threads")));
            }
            Channel channel = gateway.channel("main");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                SubmitResult result = results.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
                ids.add(result.transactionId());
                assertThat(result.resultAsString()).contains(hashes.get(i));
                TransactionInfo info = channel.transaction(result.transactionId());
                assertThat(info.getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
                assertThat(info.getBlockNumber()).isEqualTo(result.blockNumber());
            }
            assertThat(ids).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void every_node_reports_the_same_leader() {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<String> leaders = new ArrayList<>();
            for (MiniNode node : network.nodes()) {
                leaders.add(network.admin(node).status().getChannels(0).getRaftLeader());
            }
            assertThat(leaders).doesNotContain("").containsOnly(leaders.get(0));
        });
    }
}
