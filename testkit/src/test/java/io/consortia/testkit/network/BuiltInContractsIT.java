package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import io.consortia.sdk.NftClient;
import io.consortia.sdk.SubmitResult;
import io.consortia.sdk.TraceabilityClient;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nft and traceability built-ins on three organisations, one node process each: their
 * invariants hold as seen through every node, refusals are recorded with CONTRACT_REJECTED and change
 * nothing, and every node holds byte-identical blocks.
 */
class BuiltInContractsIT {
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final List<Gateway> GATEWAYS = new ArrayList<>();
    private static MiniNetwork network;

    @BeforeAll
    static void start() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
    }

    @AfterAll
    static void stop() {
        GATEWAYS.forEach(Gateway::close);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void nft_tokens_have_one_owner_only_the_owner_or_its_delegate_transfers_and_every_node_agrees() {
        // org1's user and a second person of org1, org2's and org3's users; each through a different node
        NftClient alice = NftClient.on(network.gateway(0).channel("main"));
        NftClient dave = NftClient.on(gatewayAs(network.nodes().get(0), person("org1", "dave")).channel("main"));
        NftClient bob = NftClient.on(network.gateway(1).channel("main"));
        NftClient carol = NftClient.on(network.gateway(2).channel("main"));
        String aliceAccount = alice.account();
        String daveAccount = dave.account();
        String bobAccount = bob.account();
        String carolAccount = carol.account();
        assertThat(aliceAccount).isEqualTo("org1/user@org1");
        assertThat(daveAccount).isEqualTo("org1/dave");
        List<String> accounts = List.of(aliceAccount, daveAccount, bobAccount, carolAccount);

        alice.createCollection("art", "Art works");
        alice.mint("art", "a-1", bobAccount, "ipfs://a-1");
        dave.mint("art", "a-2", daveAccount, "ipfs://a-2"); // another member of the minter organisation
        alice.mint("art", "a-3", carolAccount, "ipfs://a-3");

        // minting needs a minter organisation; only the collection's admin adds one
        rejected(() -> bob.mint("art", "b-1", bobAccount, ""), "may not mint");
        rejected(() -> dave.addMinter("art", "org2"), "only the admin");
        rejected(() -> alice.mint("art", "a-1", aliceAccount, ""), "already exists");
        alice.addMinter("art", "org2");
        bob.mint("art", "b-1", bobAccount, "ipfs://b-1");

        // only the owner, its approved account or its operator transfers
        rejected(() -> carol.transfer("art", "a-1", carolAccount), "neither the owner");
        rejected(() -> alice.transfer("art", "a-1", aliceAccount), "neither the owner");
        // each read below goes through another node than the write: wait until every node has the block
        settled(bob.approve("art", "a-1", carolAccount));
        assertThat(alice.approved("art", "a-1")).isEqualTo(carolAccount);
        SubmitResult moved = settled(carol.transfer("art", "a-1", carolAccount));
        assertThat(bob.approved("art", "a-1")).as("a transfer clears the approval").isEmpty();
        rejected(() -> bob.transfer("art", "a-1", bobAccount), "neither the owner");
        carol.setApprovalForAll("art", daveAccount, true);
        SubmitResult byOperator = dave.transfer("art", "a-3", bobAccount);
        carol.setApprovalForAll("art", daveAccount, false);
        rejected(() -> dave.transfer("art", "a-1", daveAccount), "neither the owner");

        Map<String, String> expected = new TreeMap<>(Map.of("a-1", carolAccount, "a-2", daveAccount, "a-3", bobAccount,
                "b-1", bobAccount));
        network.awaitHeight(byOperator.blockNumber() + 1);
        for (MiniNode node : network.nodes()) {
            NftClient reader = NftClient.on(network.gateway(node, node.organization()).channel("main"));
            Map<String, String> enumerated = new TreeMap<>();
            for (String account : accounts) {
                List<String> ids = reader.tokensOf("art", account);
                assertThat(reader.balanceOf("art", account)).isEqualTo(ids.size());
                for (String id : ids) {
                    assertThat(enumerated.put(id, account)).as("%s enumerated for two owners on %s", id, node.nodeId()).isNull();
                    assertThat(reader.ownerOf("art", id)).isEqualTo(account);
                }
            }
            assertThat(enumerated).as("owners on %s", node.nodeId()).isEqualTo(expected);
            assertThat(reader.tokenUri("art", "a-1")).isEqualTo("ipfs://a-1");
            assertThat(reader.collection("art").get("minters").toString()).isEqualTo("[\"org1\",\"org2\"]");
        }

        Block block = network.gateway(0).channel("main").blockByNumber(moved.blockNumber());
        BlockTransaction recorded = block.getTransactionsList().stream()
                .filter(tx -> tx.getTransactionId().equals(moved.transactionId())).findFirst().orElseThrow();
        assertThat(recorded.getEventsList()).extracting(e -> e.getName()).containsExactly("nft.transferred");
        assertThat(recorded.getEvents(0).getPayload().toStringUtf8()).isEqualTo(
                "{\"collection\":\"art\",\"tokenId\":\"a-1\",\"from\":\"" + bobAccount + "\",\"to\":\"" + carolAccount + "\"}");
        assertIdenticalBlocks();
    }

    @Test
    void a_batch_history_is_append_only_ordered_and_only_its_custodian_extends_it() {
        TraceabilityClient farm = TraceabilityClient.on(network.gateway(0).channel("main"));
        TraceabilityClient factory = TraceabilityClient.on(network.gateway(1).channel("main"));
        TraceabilityClient shop = TraceabilityClient.on(network.gateway(2).channel("main"));

        farm.createBatch("tea-01", "Pu'er tea", Map.of("origin", "Yunnan", "grade", "A"));
        farm.recordEvent("tea-01", "harvested", "field 7");
        rejected(() -> factory.recordEvent("tea-01", "processed", "not yet ours"), "only the custodian org1");
        rejected(() -> shop.transferCustody("tea-01", "org3", ""), "only the custodian org1");
        farm.transferCustody("tea-01", "org2", "truck 12");
        List<TraceabilityClient.Entry> before = farm.history("tea-01");
        rejected(() -> farm.recordEvent("tea-01", "harvested", "rewriting"), "only the custodian org2");
        factory.recordEvent("tea-01", "processed", "dried");
        factory.transferCustody("tea-01", "org3", "");
        SubmitResult last = shop.recordEvent("tea-01", "sold", "store 5");

        network.awaitHeight(last.blockNumber() + 1);
        List<String> expected = List.of("1 created org1 org1", "2 harvested org1 org1", "3 custodyTransferred org1 org2",
                "4 processed org2 org2", "5 custodyTransferred org2 org3", "6 sold org3 org3");
        List<TraceabilityClient.Entry> reference = null;
        for (MiniNode node : network.nodes()) {
            TraceabilityClient reader = TraceabilityClient.on(network.gateway(node, node.organization()).channel("main"));
            List<TraceabilityClient.Entry> history = reader.history("tea-01");
            assertThat(history).extracting(e -> e.sequence() + " " + e.type() + " " + e.organization() + " " + e.custodian())
                    .as("history on %s", node.nodeId()).containsExactlyElementsOf(expected);
            assertThat(history.subList(0, before.size())).as("earlier entries unchanged").isEqualTo(before);
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).blockNumber()).isGreaterThan(history.get(i - 1).blockNumber());
            }
            assertThat(history.get(5).recordedBy()).isEqualTo("org3/user@org3");
            assertThat(history.get(5).transactionId()).isEqualTo(last.transactionId());
            assertThat(reader.custodian("tea-01")).isEqualTo("org3");
            assertThat(reader.batch("tea-01").get("attributes").toString()).isEqualTo("{\"grade\":\"A\",\"origin\":\"Yunnan\"}");
            if (reference == null) {
                reference = history;
            }
            assertThat(history).isEqualTo(reference);
        }
        assertIdenticalBlocks();
    }

    /** Waits until every node holds the block of {@code result}, so a read through any node sees it. */
    private static SubmitResult settled(SubmitResult result) {
        network.awaitHeight(result.blockNumber() + 1);
        return result;
    }

    /** Refused calls are recorded as CONTRACT_REJECTED with the contract's reason; the caller sees why. */
    private static void rejected(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(CommitException.class)
                .satisfies(e -> assertThat(((CommitException) e).code()).isEqualTo(ValidationCode.CONTRACT_REJECTED))
                .hasMessageContaining(reason);
    }

    private static void assertIdenticalBlocks() {
        long height = network.gateway(0).channel("main").chainInfo().getHeight();
        network.awaitHeight(height);
        for (long n = 0; n < height; n++) {
            List<String> hashes = new ArrayList<>();
            for (MiniNode node : network.nodes()) {
                Block block = network.gateway(node, node.organization()).channel("main").blockByNumber(n);
                hashes.add(Hashes.hex(block.getHash().toByteArray()) + " " + Hashes.hex(block.getHeader().getStateHash().toByteArray()));
            }
            assertThat(hashes).as("hash and state hash of block %d on every node", n).containsOnly(hashes.get(0));
        }
    }

    /** Another person of an organisation: a user certificate with its own CN, so its own account. */
    private static Identity person(String organization, String name) {
        IssuedCredential credential = network.caFor(organization).issue(CertificateRole.USER, name, Duration.ofDays(1));
        return Identity.of(organization, credential.certificate(), credential.privateKey(), network.scheme());
    }

    private static Gateway gatewayAs(MiniNode node, Identity identity) {
        IssuedCredential tls = network.caFor(identity.organization()).issueTls(CertificateRole.USER,
                "client-" + CLIENTS.incrementAndGet(), LOOPBACK, Duration.ofDays(1));
        Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", node.apiPort()).identity(identity)
                .tls(network.tlsRoots(), tls.certificate(), tls.privateKey()).connect();
        GATEWAYS.add(gateway);
        return gateway;
    }
}
