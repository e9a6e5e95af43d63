package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.sdk.ProofVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole journey through the REST API only, on one local network of 2 organisations x 1 node:
 * organisations and admins, a consortium with an accepted invitation, deployment with visible
 * progress, a channel, a notarized hash found by transaction id, block number and block hash,
 * its proof verified, a crashed node restarted, the platform restarted with everything found
 * again, and finally the network deleted. Steps run in order and share the network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
abstract class EndToEndScenario {
    private PlatformRunner platform;
    private Api admin;
    private Api aliceAdmin;
    private Api bobAdmin;
    private long org1;
    private long org2;
    private long consortium;
    private String transactionId;
    private long blockNumber;
    private String blockHash;
    private final String documentHash = Hashes.hex(Hashes.sha256().digest("contract.pdf".getBytes()));

    abstract TestDatabase database();

    @BeforeAll
    void startPlatform() {
        // a node that stops answering is restarted after 15 s (30 s by default): see the hung-node case
        platform = new PlatformRunner(database()).with("consortia.node.liveness-timeout", "15s").start();
        admin = platform.admin();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void a_platform_admin_creates_two_organisations_and_their_admins() {
        org1 = Fixtures.organization(admin, "org1");
        org2 = Fixtures.organization(admin, "org2");
        aliceAdmin = Fixtures.member(admin, org1, "alice", "ADMIN");
        bobAdmin = Fixtures.member(admin, org2, "bob", "ADMIN");
        assertThat(aliceAdmin.get("/api/v1/me").json().get("organizationRole").asText()).isEqualTo("ADMIN");
    }

    @Test
    @Order(2)
    void an_organisation_admin_creates_a_consortium_and_the_invited_admin_accepts() {
        consortium = Fixtures.consortium(aliceAdmin, "Supply-Chain Finance Alliance");
        Api.Response invited = aliceAdmin.post("/api/v1/consortia/" + consortium + "/invitations",
                Json.of("organizationId", org2));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        JsonNode mine = bobAdmin.get("/api/v1/invitations").json();
        assertThat(mine).hasSize(1);
        Api.Response accepted = bobAdmin.post("/api/v1/invitations/" + mine.get(0).get("id").asLong() + "/accept", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");

        JsonNode members = bobAdmin.get("/api/v1/consortia/" + consortium + "/members").json();
        assertThat(members).extracting(m -> m.get("name").asText()).containsExactly("org1", "org2");
        JsonNode history = aliceAdmin.get("/api/v1/consortia/" + consortium + "/history").json();
        assertThat(history).extracting(e -> e.get("event").asText()).containsExactly("CREATED", "INVITED", "JOINED");
        JsonNode certificates = bobAdmin.get("/api/v1/consortia/" + consortium + "/organizations/" + org2
                + "/certificates").json();
        assertThat(certificates).extracting(k -> k.get("purpose").asText()).contains("CA_ROOT", "ADMIN", "CLIENT_TLS");
        assertThat(certificates.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @Order(3)
    void deploying_the_network_returns_at_once_and_shows_each_step_until_running() {
        Api.Response started = aliceAdmin.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long deployment = started.json().get("id").asLong();
        assertThat(started.json().get("status").asText()).isEqualTo("RUNNING");

        JsonNode finished = awaitDeployment(aliceAdmin, deployment);
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        finished.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
        assertThat(steps).contains("Start c" + consortium + "-org1-0:DONE", "Start c" + consortium + "-org2-0:DONE",
                "Wait for c" + consortium + "-org2-0 to serve:DONE", "Create channel main:DONE");
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium).json().get("status").asText())
                .isEqualTo("RUNNING");
        JsonNode nodes = bobAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json();
        assertThat(nodes).hasSize(2).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("RUNNING"));
    }

    @Test
    @Order(4)
    void the_leader_creates_a_channel_with_both_organisations() {
        Api.Response created = aliceAdmin.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "trade", "organizationIds", List.of(org1, org2)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bobAdmin.get("/api/v1/consortia/" + consortium + "/channels").json())
                .extracting(c -> c.get("name").asText()).containsExactly("main", "trade");
    }

    @Test
    @Order(5)
    void a_notarized_hash_is_found_by_transaction_id_block_number_and_block_hash() {
        Api.Response notarized = bobAdmin.post(channelPath("trade") + "/notarizations",
                Json.of("documentHash", documentHash, "metadata", "invoice 42"));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        transactionId = notarized.json().get("transactionId").asText();
        blockNumber = notarized.json().get("blockNumber").asLong();
        assertThat(notarized.json().get("result").get("submitterOrganization").asText()).isEqualTo("org2");

        JsonNode byId = awaitSearch(aliceAdmin, transactionId);
        assertThat(byId.get("kind").asText()).isEqualTo("TRANSACTION");
        assertThat(byId.get("channel").asText()).isEqualTo("trade");
        assertThat(byId.get("blockNumber").asLong()).isEqualTo(blockNumber);
        blockHash = byId.get("blockHash").asText();

        JsonNode byNumber = aliceAdmin.get("/api/v1/consortia/" + consortium + "/search?q=" + blockNumber).json();
        assertThat(byNumber.get("hits")).anySatisfy(h -> {
            assertThat(h.get("channel").asText()).isEqualTo("trade");
            assertThat(h.get("blockHash").asText()).isEqualTo(blockHash);
        });
        JsonNode byHash = aliceAdmin.get("/api/v1/consortia/" + consortium + "/search?q=" + blockHash).json();
        assertThat(byHash.get("hits")).singleElement().satisfies(h -> {
            assertThat(h.get("kind").asText()).isEqualTo("BLOCK");
            assertThat(h.get("blockNumber").asLong()).isEqualTo(blockNumber);
        });
        // a prefix copied from a list is hex: it was told it must be "a hash / transaction id (hex)"
        // eight characters around a hex letter: an all-digit prefix (2 % of ids) is a block number, rightly
        int letter = Math.max(0, indexOfHexLetter(transactionId) - 7);
        String prefix = transactionId.substring(letter, letter + 8);
        Api.Response partial = aliceAdmin.get("/api/v1/consortia/" + consortium + "/search?q=" + prefix);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(400);
        assertThat(partial.json().get("detail").asText()).isEqualTo("q is 8 hex characters: a block hash or "
                + "transaction id is 64 hex characters, and prefixes are not searched");
        assertThat(aliceAdmin.get("/console/consortia/" + consortium + "/explorer/search?lang=zh-CN&q=" + prefix)
                .body()).contains("区块哈希和交易 ID 都是 64 个十六进制字符，不支持按前缀搜索");
        assertThat(aliceAdmin.get("/console/consortia/" + consortium + "/explorer/search?lang=en&q=" + prefix)
                .body()).contains("That is 8 hex characters: a block hash or transaction ID is 64 hex characters");
        JsonNode block = aliceAdmin.get(channelPath("trade") + "/blocks/" + blockNumber).json();
        assertThat(block.get("transactions")).extracting(t -> t.get("transactionId").asText()).contains(transactionId);
    }

    @Test
    @Order(6)
    void the_transaction_detail_carries_a_proof_that_verifies_offline() throws Exception {
        Api.Response detail = aliceAdmin.get(channelPath("trade") + "/transactions/" + transactionId);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.json().get("proofVerified").asBoolean()).isTrue();
        assertThat(detail.json().get("blockHash").asText()).isEqualTo(blockHash);
        TransactionInfo receipt = TransactionInfo.parseFrom(Base64.getDecoder().decode(
                detail.json().get("receipt").asText()));
        assertThat(ProofVerifier.verifyNotarization(receipt, documentHash, Hashes.sha256())).isTrue();
        assertThat(Hashes.hex(receipt.getBlockHash().toByteArray())).isEqualTo(blockHash);
        assertThat(detail.json().get("verdictProven").asBoolean()).isTrue();
        Api.Response file = aliceAdmin.get(channelPath("trade") + "/transactions/" + transactionId + "/receipt");
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        var read = io.consortia.sdk.ReceiptJson.read(file.body());
        assertThat(read.info()).isEqualTo(receipt);
        assertThat(ProofVerifier.checkNotarization(read.info(), documentHash, read.hash(), Hashes.fromHex(blockHash))
                .failure()).isNull();

        JsonNode verification = await("org1's node has the record").atMost(Duration.ofSeconds(120))
                .until(() -> aliceAdmin.get(channelPath("trade") + "/notarizations/" + documentHash),
                        r -> r.status() == 200).json();
        assertThat(verification.get("proofVerified").asBoolean()).isTrue();
        assertThat(verification.get("record").get("metadata").asText()).isEqualTo("invoice 42");
    }

    @Test
    @Order(6)
    void a_new_member_s_first_calls_at_once_all_succeed_and_share_one_custodial_key() throws Exception {
        // The first call of a user issues their key; calls racing to do it must not fail (they
        // did, with 500, when each tried to store its own key).
        Api carol = Fixtures.member(aliceAdmin, org1, "carol", "MEMBER");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String hash = Hashes.hex(Hashes.sha256().digest(("carol's document " + i).getBytes()));
                calls.add(callers.submit(() -> carol.post(channelPath("trade") + "/notarizations",
                        Json.of("documentHash", hash))));
            }
            for (Future<Api.Response> call : calls) {
                Api.Response response = call.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
            }
        } finally {
            callers.shutdownNow();
        }
        JsonNode keys = aliceAdmin.get("/api/v1/organizations/" + org1 + "/keys").json();
        List<JsonNode> carolsKeys = new ArrayList<>();
        keys.forEach(k -> {
            if ("carol".equals(k.get("subject").asText()) && "USER".equals(k.get("purpose").asText())) {
                carolsKeys.add(k);
            }
        });
        assertThat(carolsKeys).hasSize(1);
    }

    @Test
    @Order(7)
    void assets_are_created_and_transferred_with_custodial_identities() {
        Api.Response created = aliceAdmin.post(channelPath("main") + "/assets",
                Json.of("assetId", "bond-1", "description", "a bond", "value", 100));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Response transferred = aliceAdmin.post(channelPath("main") + "/assets/bond-1/transfer",
                Json.of("newOwnerOrganization", "org2"));
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        await("org2's node has applied the transfer").atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(bobAdmin.get(channelPath("main") + "/assets/bond-1").json()
                        .get("owner").asText()).isEqualTo("org2"));
        Api.Response notOwner = aliceAdmin.post(channelPath("main") + "/assets/bond-1/transfer",
                Json.of("newOwnerOrganization", "org1"));
        assertThat(notOwner.status()).as(notOwner.toString()).isEqualTo(409);
        assertThat(notOwner.contentType()).startsWith("application/problem+json");

        // an owner that does not exist would hold the asset for good: refused, and nothing changes
        aliceAdmin.post(channelPath("main") + "/assets", Json.of("assetId", "bond-2", "description", "", "value", 1));
        String history = aliceAdmin.get(channelPath("main") + "/assets/bond-2/history").body();
        for (String nobody : List.of("nosuchorg", "\u0000", "ORG2", "../../../../etc/passwd")) {
            Api.Response lost = aliceAdmin.post(channelPath("main") + "/assets/bond-2/transfer",
                    Json.of("newOwnerOrganization", nobody));
            assertThat(lost.status()).as(nobody + ": " + lost).isEqualTo(400);
            assertThat(lost.json().get("detail").asText()).containsAnyOf("must be an organisation of channel main",
                    "newOwnerOrganization must not contain control characters"); // U+0000: refused as text first
        }
        for (String id : List.of("..", ".")) {
            Api.Response dots = aliceAdmin.post(channelPath("main") + "/assets",
                    Json.of("assetId", id, "description", "", "value", 1));
            assertThat(dots.status()).as(id + ": " + dots).isEqualTo(400);
        }
        for (Object value : List.of(1.5, "12")) {
            Api.Response coerced = aliceAdmin.post(channelPath("main") + "/assets",
                    Json.of("assetId", "bond-3", "description", "", "value", value));
            assertThat(coerced.status()).as(value + ": " + coerced).isEqualTo(400);
            assertThat(coerced.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
            assertThat(coerced.json().get("errors").get(0).get("field").asText()).isEqualTo("value");
        }
        assertThat(aliceAdmin.get(channelPath("main") + "/assets/bond-2/history").body()).isEqualTo(history);
        assertThat(aliceAdmin.get(channelPath("main") + "/assets/bond-3").body()).contains("asset bond-3 does not exist");

        // any id the asset contract takes (1-128 of [A-Za-z0-9._:-]) is created, read and transferred over REST
        String isin = "isin:CN0001234567:" + "9".repeat(100);
        Api.Response long1 = aliceAdmin.post(channelPath("main") + "/assets",
                Json.of("assetId", isin, "description", "a bond", "value", 1));
        assertThat(long1.status()).as(long1.toString()).isEqualTo(201);
        Api.Response moved = aliceAdmin.post(channelPath("main") + "/assets/" + isin + "/transfer",
                Json.of("newOwnerOrganization", "org2"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        await("org2's node has applied the transfer").atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(bobAdmin.get(channelPath("main") + "/assets/" + isin).json()
                        .get("owner").asText()).isEqualTo("org2"));
        assertThat(bobAdmin.get(channelPath("main") + "/assets/" + isin + "/history").json()).hasSize(2);
    }

    @Test
    @Order(7)
    void tokens_are_issued_and_transferred_between_custodial_accounts() {
        Api.Response issued = aliceAdmin.post(channelPath("main") + "/tokens",
                Json.of("symbol", "PTS", "name", "loyalty points", "initialSupply", 1000));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String issuer = issued.json().get("result").get("issuer").asText();
        assertThat(issuer).startsWith("org1/");
        String bob = await("org2's node has the token").atMost(Duration.ofSeconds(120))
                .until(() -> bobAdmin.get(channelPath("main") + "/tokens/PTS/balance"), r -> r.status() == 200)
                .json().get("account").asText();
        assertThat(bob).startsWith("org2/");

        Api.Response paid = aliceAdmin.post(channelPath("main") + "/tokens/PTS/transfers",
                Json.of("toAccount", bob, "amount", 300));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("result").get("fromBalance").asLong()).isEqualTo(700);
        await("org2's node has applied the transfer").atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(bobAdmin.get(channelPath("main") + "/tokens/PTS/balance").json()
                        .get("balance").asLong()).isEqualTo(300));
        assertThat(bobAdmin.get(channelPath("main") + "/tokens/PTS/balance?account=" + issuer).json()
                .get("balance").asLong()).isEqualTo(700);

        Api.Response overdrawn = bobAdmin.post(channelPath("main") + "/tokens/PTS/transfers",
                Json.of("toAccount", issuer, "amount", 301));
        assertThat(overdrawn.status()).as(overdrawn.toString()).isEqualTo(409);
        assertThat(overdrawn.contentType()).startsWith("application/problem+json");
        Api.Response notIssuer = bobAdmin.post(channelPath("main") + "/tokens/PTS/mint", Json.of("amount", 5));
        assertThat(notIssuer.status()).as(notIssuer.toString()).isEqualTo(409);
        Api.Response zero = aliceAdmin.post(channelPath("main") + "/tokens/PTS/transfers",
                Json.of("toAccount", bob, "amount", 0));
        assertThat(zero.status()).as(zero.toString()).isEqualTo(400);
        // accounts that cannot exist and amounts that are not whole JSON numbers: refused, nothing moves
        for (String nobody : List.of("nosuchorg/nobody", "../../../../etc/passwd", "org2/<script>alert(1)</script>",
                "org2/..", "org2/a/b", "org2/\u0000")) {
            Api.Response lost = aliceAdmin.post(channelPath("main") + "/tokens/PTS/transfers",
                    Json.of("toAccount", nobody, "amount", 1));
            assertThat(lost.status()).as(nobody + ": " + lost).isEqualTo(400);
            assertThat(lost.contentType()).startsWith("application/problem+json");
        }
        for (Object amount : List.of(1.5, "12", "1e2")) {
            Api.Response coerced = aliceAdmin.post(channelPath("main") + "/tokens/PTS/transfers",
                    Json.of("toAccount", bob, "amount", amount));
            assertThat(coerced.status()).as(amount + ": " + coerced).isEqualTo(400);
        }
        assertThat(aliceAdmin.get(channelPath("main") + "/tokens/PTS/balance").json().get("balance").asLong())
                .isEqualTo(700);
        assertThat(aliceAdmin.get(channelPath("main") + "/tokens/PTS").json().get("totalSupply").asLong()).isEqualTo(1000);
    }

    /**
     * Issue 16, item 16: the role table says the platform admin and auditors read everything,
     * contract state included; they hold no organisation's keys, so they read through the ledger
     * reader and still change nothing.
     */
    @Test
    @Order(8)
    void the_platform_admin_and_an_auditor_read_contract_state_and_change_nothing() {
        Api auditor = Fixtures.auditor(admin, "inspector");
        String issuer = aliceAdmin.get(channelPath("main") + "/tokens/PTS").json().get("issuer").asText();
        for (Api reader : List.of(admin, auditor)) {
            Api.Response asset = reader.get(channelPath("main") + "/assets/bond-1");
            assertThat(asset.status()).as(asset.toString()).isEqualTo(200);
            assertThat(asset.json().get("owner").asText()).isEqualTo("org2");
            Api.Response history = reader.get(channelPath("main") + "/assets/bond-1/history");
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            assertThat(history.json()).hasSize(2);
            Api.Response token = reader.get(channelPath("main") + "/tokens/PTS");
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
            assertThat(token.json().get("totalSupply").asLong()).isEqualTo(1000);
            Api.Response balance = reader.get(channelPath("main") + "/tokens/PTS/balance?account=" + issuer);
            assertThat(balance.status()).as(balance.toString()).isEqualTo(200);
            assertThat(balance.json().get("balance").asLong()).isEqualTo(700);
            Api.Response verified = reader.get(channelPath("trade") + "/notarizations/" + documentHash);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().get("proofVerified").asBoolean()).isTrue();
            assertThat(verified.json().get("transactionId").asText()).isEqualTo(transactionId);

            Api.Response ownAccount = reader.get(channelPath("main") + "/tokens/PTS/balance");
            assertThat(ownAccount.status()).as(ownAccount.toString()).isEqualTo(400);
            assertThat(ownAccount.json().get("detail").asText()).contains("account is required");
            Api.Response write = reader.post(channelPath("main") + "/assets",
                    Json.of("assetId", "sneaky-1", "description", "not theirs", "value", 1));
            assertThat(write.status()).as(write.toString()).isEqualTo(403);
        }
        Api.Response absent = aliceAdmin.get(channelPath("main") + "/assets/sneaky-1");
        // a read of something that does not exist is 404, not a refused request
        assertThat(absent.status()).as(absent.toString()).isEqualTo(404);
        assertThat(absent.json().get("type").asText()).isEqualTo("urn:consortia:problem:not-found");
        assertThat(absent.json().get("detail").asText()).isEqualTo("asset sneaky-1 does not exist");
        Api.Response noHistory = aliceAdmin.get(channelPath("main") + "/assets/sneaky-1/history");
        assertThat(noHistory.status()).as(noHistory.toString()).isEqualTo(404);
        Api.Response noToken = aliceAdmin.get(channelPath("main") + "/tokens/NOPE");
        assertThat(noToken.status()).as(noToken.toString()).isEqualTo(404);
        assertThat(noToken.json().get("detail").asText()).isEqualTo("token NOPE does not exist");
        Api.Response noBatch = aliceAdmin.get(channelPath("main") + "/batches/nope/history");
        assertThat(noBatch.status()).as(noBatch.toString()).isEqualTo(404);
        Api.Response noCollection = aliceAdmin.get(channelPath("main") + "/nft-collections/nope/tokens/t1");
        assertThat(noCollection.status()).as(noCollection.toString()).isEqualTo(404);
        Api.Response notNotarized = aliceAdmin.get(channelPath("main") + "/notarizations/" + "ab".repeat(32));
        assertThat(notNotarized.status()).as(notNotarized.toString()).isEqualTo(404);
    }

    /** The regulator's export: a channel's transactions as CSV, in chain order, narrowed by blocks or block time. */
    @Test
    @Order(8)
    void an_auditor_exports_a_channel_s_transactions_as_csv() {
        Api auditor = Fixtures.auditor(admin, "regulator");
        Api.Response all = auditor.get(channelPath("trade") + "/transactions/export");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(all.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment").contains("transactions-trade.csv"));
        List<String> lines = List.of(all.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("\ufeffchannel,blockNumber,blockHash,indexInBlock,transactionId,blockTime,"
                + "contract,function,creatorOrganization,validationCode,reason");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("trade," + blockNumber + "," + blockHash + ",")
                .contains("," + transactionId + ",").endsWith(",notarization,record,org2,VALID,"));

        Api.Response later = auditor.get(channelPath("trade") + "/transactions/export?fromBlock=" + (blockNumber + 1));
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(later.body()).doesNotContain(transactionId);
        Api.Response future = auditor.get(channelPath("trade") + "/transactions/export?from=2999-01-01T00:00");
        assertThat(future.body().split("\r\n")).as(future.toString()).containsExactly(lines.get(0));

        Api.Response badTime = auditor.get(channelPath("trade") + "/transactions/export?from=yesterday");
        assertThat(badTime.status()).as(badTime.toString()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asText()).startsWith("from must be an ISO-8601 time");
        Api.Response badRange = auditor.get(channelPath("trade") + "/transactions/export?fromBlock=5&toBlock=2");
        assertThat(badRange.status()).as(badRange.toString()).isEqualTo(400);
        assertThat(badRange.json().get("detail").asText()).isEqualTo("fromBlock (5) must not be after toBlock (2)");
        // who took a copy is recorded, as for the audit trail's own export
        assertThat(admin.get("/api/v1/audit/records?actor=regulator").json())
                .extracting(r -> r.get("action").asText() + " " + r.get("status").asInt())
                .contains("GET /api/v1/consortia/{id}/channels/{channel}/transactions/export 200",
                        "GET /api/v1/consortia/{id}/channels/{channel}/transactions/export 400");
    }

    @Test
    @Order(9)
    void a_crashed_node_is_restarted_and_reported() {
        JsonNode node = aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json().get(0);
        long pid = node.get("pid").asLong();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await("node restarted by the supervisor").atMost(Waits.DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode now = aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json().get(0);
                    assertThat(now.get("restarts").asInt()).isEqualTo(1);
                    assertThat(now.get("pid").asLong()).isNotEqualTo(pid);
                    assertThat(now.get("status").asText()).isEqualTo("RUNNING");
                    assertThat(now.get("lastError").asText()).contains("Exited unexpectedly");
                });
        String log = aliceAdmin.get("/api/v1/nodes/" + node.get("nodeId").asText() + "/logs?lines=50").body();
        assertThat(log).isNotBlank();
    }

    @Test
    @Order(10)
    void a_hung_node_is_restarted_once_it_stops_answering_its_health_check() throws Exception {
        JsonNode node = aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json().get(1);
        long pid = node.get("pid").asLong();
        int restarts = node.get("restarts").asInt();
        // SIGSTOP: the process lives on and answers nothing, as a hung JVM or host would
        assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor()).isZero();
        await("hung node restarted by the supervisor").atMost(Waits.DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode now = aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json().get(1);
                    assertThat(now.get("restarts").asInt()).isEqualTo(restarts + 1);
                    assertThat(now.get("pid").asLong()).isNotEqualTo(pid);
                    assertThat(now.get("status").asText()).isEqualTo("RUNNING");
                    assertThat(now.get("lastError").asText()).contains("Did not answer its health check with 200 for");
                });
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the hung process").isFalse();
    }

    @Test
    @Order(11)
    void after_a_platform_restart_everything_is_found_again_and_indexing_resumes() {
        List<Long> pids = new ArrayList<>();
        List<String> named = new ArrayList<>();
        aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json().forEach(n -> {
            pids.add(n.get("pid").asLong());
            named.add(n.get("nodeId").asText() + " (process " + n.get("pid").asLong() + ")");
        });
        platform.restart();
        // stopping said that the nodes keep running, and how to stop them
        assertThat(readLog()).contains("The platform stopped, but the 2 node(s) it started keep running")
                .contains(named).contains("./consortia stop --all");
        aliceAdmin = platform.api().login("alice", Fixtures.password("alice"));
        bobAdmin = platform.api().login("bob", Fixtures.password("bob"));

        JsonNode nodes = aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json();
        List<Long> adopted = new ArrayList<>();
        nodes.forEach(n -> adopted.add(n.get("pid").asLong()));
        assertThat(adopted).as("running nodes are adopted, not restarted").isEqualTo(pids);
        JsonNode hit = awaitSearch(aliceAdmin, transactionId);
        assertThat(hit.get("blockHash").asText()).isEqualTo(blockHash);

        String second = Hashes.hex(Hashes.sha256().digest("second.pdf".getBytes()));
        Api.Response notarized = bobAdmin.post(channelPath("trade") + "/notarizations", Json.of("documentHash", second));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        JsonNode secondHit = awaitSearch(aliceAdmin, notarized.json().get("transactionId").asText());
        assertThat(secondHit.get("blockNumber").asLong()).isGreaterThan(blockNumber);

        JsonNode overview = aliceAdmin.get("/api/v1/consortia/" + consortium + "/overview").json();
        assertThat(overview.get("organizations")).hasSize(2);
        assertThat(overview.get("nodes")).hasSize(2);
        assertThat(overview.get("transactionCount").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(overview.get("channels")).allSatisfy(c -> assertThat(c.get("indexStatus").asText())
                .isEqualTo("FOLLOWING"));
    }

    @Test
    @Order(12)
    void stopping_and_starting_the_network_keeps_its_ledger() {
        JsonNode stopped = awaitDeployment(aliceAdmin,
                aliceAdmin.post("/api/v1/consortia/" + consortium + "/network/stop", "").json().get("id").asLong());
        assertThat(stopped.get("status").asText()).as(stopped.toString()).isEqualTo("SUCCEEDED");
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json())
                .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("STOPPED"));
        // a call to the stopped network says so: a 503 "try again" was wrong, retrying never cures it
        Api.Response whileStopped = aliceAdmin.post(channelPath("main") + "/notarizations",
                Json.of("documentHash", Hashes.hex(Hashes.sha256().digest("while stopped".getBytes()))));
        assertThat(whileStopped.status()).as(whileStopped.toString()).isEqualTo(409);
        assertThat(whileStopped.json().get("detail").asText()).contains("is stopped", "/network/start");
        // the explorer follows the network's state: while it is stopped, its streams are closed and
        // none is re-opened (an open one was resumed, and logged as broken, every 5 s until the
        // network was deleted)
        double rounds = metric("consortia_platform_index_watchdog_rounds_total");
        await("a watchdog round that saw the network stopped").atMost(Duration.ofMinutes(1))
                .until(() -> metric("consortia_platform_index_watchdog_rounds_total") >= rounds + 1);
        double attempts = metric("consortia_platform_index_follow_attempts_total");
        double later = metric("consortia_platform_index_watchdog_rounds_total");
        await("three more watchdog rounds").atMost(Duration.ofMinutes(1))
                .until(() -> metric("consortia_platform_index_watchdog_rounds_total") >= later + 3);
        assertThat(metric("consortia_platform_index_streams_open")).as("streams held open to the stopped network")
                .isZero();
        assertThat(metric("consortia_platform_index_follow_attempts_total")).as("streams opened while stopped")
                .isEqualTo(attempts);
        JsonNode started = awaitDeployment(aliceAdmin,
                aliceAdmin.post("/api/v1/consortia/" + consortium + "/network/start", "").json().get("id").asLong());
        assertThat(started.get("status").asText()).as(started.toString()).isEqualTo("SUCCEEDED");
        await("both channels followed again").atMost(Duration.ofMinutes(1))
                .until(() -> metric("consortia_platform_index_streams_open") == 2);
        String third = Hashes.hex(Hashes.sha256().digest("third.pdf".getBytes()));
        Api.Response notarized = aliceAdmin.post(channelPath("trade") + "/notarizations", Json.of("documentHash", third));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        assertThat(awaitSearch(bobAdmin, notarized.json().get("transactionId").asText()).get("channel").asText())
                .isEqualTo("trade");
        assertThat(awaitSearch(bobAdmin, transactionId).get("blockHash").asText()).isEqualTo(blockHash);
    }

    @Test
    @Order(13)
    void a_node_added_to_an_organisation_joins_its_channels_as_a_learner_then_a_voter() {
        Api.Response added = bobAdmin.post("/api/v1/consortia/" + consortium + "/organizations/" + org2 + "/nodes", "");
        assertThat(added.status()).as(added.toString()).isEqualTo(202);
        JsonNode finished = awaitDeployment(bobAdmin, added.json().get("id").asLong());
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        String node = "c" + consortium + "-org2-1";
        assertThat(finished.get("steps")).extracting(s -> s.get("name").asText())
                .anySatisfy(n -> assertThat(n).contains("Commit add node " + node + " as learner (main"))
                .anySatisfy(n -> assertThat(n).contains("Wait for " + node + " to catch up on main"))
                .anySatisfy(n -> assertThat(n).contains("Commit promote node " + node + " to voter (main"))
                .anySatisfy(n -> assertThat(n).contains("Commit promote node " + node + " to voter (trade"));
        assertThat(bobAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json())
                .anySatisfy(n -> {
                    assertThat(n.get("nodeId").asText()).isEqualTo(node);
                    assertThat(n.get("status").asText()).isEqualTo("RUNNING");
                    assertThat(n.get("heights").has("main")).as(n.toString()).isTrue();
                });
    }

    @Test
    @Order(14)
    void adding_an_organisation_to_a_channel_needs_a_majority_of_its_organisations_and_is_applied_on_chain() {
        Api.Response solo = aliceAdmin.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "solo", "organizationIds", List.of(org1)));
        assertThat(solo.status()).as(solo.toString()).isEqualTo(201);
        Api.Response proposed = aliceAdmin.post("/api/v1/consortia/" + consortium + "/channels/solo/proposals",
                Json.of("organizationId", org2));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(proposed.json().get("kind").asText()).isEqualTo("ADD_ORGANIZATION");
        long proposal = proposed.json().get("id").asLong();
        assertThat(bobAdmin.post("/api/v1/channel-proposals/" + proposal + "/votes", Json.of("approve", true))
                .status()).as("org2 is not in the channel, so it does not vote").isEqualTo(403);
        JsonNode decided = aliceAdmin.post("/api/v1/channel-proposals/" + proposal + "/votes",
                Json.of("approve", true)).json();
        assertThat(decided.get("status").asText()).isIn("APPROVED", "APPLYING", "APPLIED");
        await("the proposal applied on chain").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> !List.of("APPROVED", "APPLYING").contains(
                        aliceAdmin.get("/api/v1/channel-proposals/" + proposal).json().get("status").asText()));
        JsonNode applied = aliceAdmin.get("/api/v1/channel-proposals/" + proposal).json();
        assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");
        JsonNode operation = aliceAdmin.get("/api/v1/deployments/" + applied.get("deploymentId").asLong()).json();
        assertThat(operation.get("action").asText()).isEqualTo("ADD_ORGANIZATION");
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("SUCCEEDED");
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium + "/channels/solo").json().get("organizationIds"))
                .extracting(JsonNode::asLong).containsExactlyInAnyOrder(org1, org2);
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium + "/history").json())
                .extracting(e -> e.get("event").asText()).contains("ADDED_TO_CHANNEL");
    }

    @Test
    @Order(15)
    void consortia_stop_all_stops_the_platform_s_nodes_and_a_restart_brings_the_network_back() throws Exception {
        List<ProcessHandle> nodes = new ArrayList<>();
        aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json()
                .forEach(n -> nodes.add(ProcessHandle.of(n.get("pid").asLong()).orElseThrow()));
        assertThat(nodes).hasSize(3).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
        platform.stop();
        assertThat(platform.dataDir().resolve("platform.pid")).as("removed when the platform stops").doesNotExist();

        Process stop = new ProcessBuilder("bash", java.nio.file.Path.of("..", "consortia").toString(), "stop", "--all",
                "--data-dir", platform.dataDir().toString()).redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(stop.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(stop.exitValue()).as(output).isZero();
        assertThat(output).contains("stopping 3 node(s)");
        await("every node process gone").atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(nodes).noneMatch(ProcessHandle::isAlive));

        platform.start();
        aliceAdmin = platform.api().login("alice", Fixtures.password("alice"));
        bobAdmin = platform.api().login("bob", Fixtures.password("bob"));
        await("the network is running again").atMost(Waits.DEPLOY_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json())
                        .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("RUNNING")));
    }

    @Test
    @Order(16)
    void a_consortium_with_a_network_cannot_be_deleted_and_only_its_leader_or_a_platform_admin_may() {
        Api.Response notLeader = bobAdmin.delete("/api/v1/consortia/" + consortium
                + "?confirm=Supply-Chain%20Finance%20Alliance");
        assertThat(notLeader.status()).as(notLeader.toString()).isEqualTo(403);
        Api.Response unconfirmed = aliceAdmin.delete("/api/v1/consortia/" + consortium + "?confirm=wrong");
        assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(400);
        Api.Response withNetwork = aliceAdmin.delete("/api/v1/consortia/" + consortium
                + "?confirm=Supply-Chain%20Finance%20Alliance");
        assertThat(withNetwork.status()).as(withNetwork.toString()).isEqualTo(409);
        assertThat(withNetwork.json().get("detail").asText()).contains("delete it first");
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium).status()).isEqualTo(200);
    }

    @Test
    @Order(17)
    void deleting_the_network_needs_the_name_as_confirmation_and_removes_the_nodes() {
        Api.Response unconfirmed = aliceAdmin.delete("/api/v1/consortia/" + consortium + "/network");
        assertThat(unconfirmed.status()).isEqualTo(400);
        Api.Response deleted = aliceAdmin.delete("/api/v1/consortia/" + consortium
                + "/network?confirm=Supply-Chain%20Finance%20Alliance");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        JsonNode finished = awaitDeployment(aliceAdmin, deleted.json().get("id").asLong());
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium + "/nodes").json()).isEmpty();
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium).json().get("status").asText())
                .isEqualTo("CREATED");
    }

    @Test
    @Order(18)
    void then_the_consortium_itself_is_deleted_with_its_keys() {
        assertThat(aliceAdmin.get("/api/v1/organizations/" + org1 + "/keys").json().toString())
                .contains("\"consortiumId\":" + consortium);
        Api.Response deleted = aliceAdmin.delete("/api/v1/consortia/" + consortium
                + "?confirm=Supply-Chain%20Finance%20Alliance");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(aliceAdmin.get("/api/v1/consortia/" + consortium).status()).isEqualTo(404);
        assertThat(aliceAdmin.get("/api/v1/consortia").json()).isEmpty();
        assertThat(aliceAdmin.get("/api/v1/organizations/" + org1 + "/keys").json().toString())
                .doesNotContain("\"consortiumId\":" + consortium);
        assertThat(bobAdmin.get("/api/v1/invitations").json()).isEmpty();
        // the name is free again
        assertThat(aliceAdmin.post("/api/v1/consortia", Json.of("name", "Supply-Chain Finance Alliance",
                "signatureScheme", "ECDSA_P256")).status()).isEqualTo(201);
    }

    private String readLog() {
        try {
            return java.nio.file.Files.readString(platform.logFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A counter or gauge without labels from the platform's Prometheus endpoint. */
    private double metric(String name) {
        return platform.api().get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private String channelPath(String channel) {
        return "/api/v1/consortia/" + consortium + "/channels/" + channel;
    }

    private JsonNode awaitDeployment(Api api, long deployment) {
        return Waits.deployment(api, deployment);
    }

    private JsonNode awaitSearch(Api api, String query) {
        return Waits.searchHit(api, consortium, query);
    }

    private static int indexOfHexLetter(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            if (hex.charAt(i) >= 'a' && hex.charAt(i) <= 'f') {
                return i;
            }
        }
        throw new AssertionError("no hex letter in " + hex);
    }
}
