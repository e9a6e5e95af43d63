package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.Nodes;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import io.consortia.sdk.SubmitException;
import io.consortia.sdk.gateway.GatewayClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application gateway on a real local network (one organisation, one node, channels main
 * and second): an organisation admin registers an application and issues scoped keys; the
 * application submits, evaluates, notarizes, verifies and reads through {@code /gateway/v1}
 * with the SDK's signing client; every refusal of docs/gateway-signing.md is checked, with
 * nothing reaching the chain for a refused request; a replay is refused after a platform restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class GatewayIT {
    private PlatformRunner platform;
    private Api alice;
    private long org1;
    private long consortium;
    private long application;
    private String accessKeyId;
    private String secretKey;
    private GatewayClient client;
    private long lastBlock;
    private Api bob;
    /** invoice-1's notarization (a transaction of contract notarization) and its block. */
    private String invoiceTransactionId;
    private long invoiceBlock;
    /** A transaction of user contract records and its block. */
    private String recordsTransactionId;
    private long recordsBlock;

    @BeforeAll
    void startNetwork() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        org1 = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        consortium = Fixtures.consortium(alice, "Gateway Alliance");
        Api.Response started = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(Waits.deployment(alice, started.json().get("id").asLong()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        Api.Response channel = alice.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "second", "organizationIds", List.of(org1)));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + platform.port();
    }

    private String applications() {
        return "/api/v1/organizations/" + org1 + "/applications";
    }

    private Api.Response issue(Object... fields) {
        return alice.post(applications() + "/" + application + "/keys", Json.of(fields));
    }

    private static JsonNode json(GatewayClient.Response response) {
        try {
            return Api.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON (" + response.status() + "): " + response.body(), e);
        }
    }

    private static void assertRefused(GatewayClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).as(response.body()).isEqualTo("urn:consortia:problem:" + type);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static ValidationCode codeOf(Throwable e) {
        if (e instanceof SubmitException submit) {
            return submit.code();
        }
        if (e instanceof CommitException commit) {
            return commit.code();
        }
        throw new AssertionError("Not refused with a validation code", e);
    }

    private static String doc(String name) {
        return Hashes.hex(Hashes.sha256().digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static String notarization(String name) {
        return "{\"documentHash\":\"" + doc(name) + "\",\"metadata\":\"" + name + "\"}";
    }

    /** Nothing new on the chain: the block after the last one known does not exist. */
    private void assertNothingCommitted() {
        GatewayClient.Response next = client.get("/gateway/v1/channels/main/blocks/" + (lastBlock + 1));
        assertThat(next.status()).as(next.body()).isEqualTo(404);
        // the node's own words, not the SDK's wrapping ("Record (Block ... failed: NOT_FOUND: ...) does not exist")
        assertThat(new Api.Response(404, next.body(), null).json().get("detail").asText())
                .startsWith("channel main has no block " + (lastBlock + 1));
    }

    @Test
    @Order(10)
    void an_organisation_admin_registers_an_application_and_issues_a_key_whose_secret_is_shown_once() {
        Api.Response registered = alice.post(applications(), Json.of("consortiumId", consortium, "name", "erp",
                "description", "Invoices from the ERP"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        application = registered.json().get("id").asLong();
        assertThat(registered.json().get("identitySubject").asText()).isEqualTo("app:erp");
        JsonNode certificates = alice.get("/api/v1/consortia/" + consortium + "/organizations/" + org1
                + "/certificates").json();
        assertThat(certificates).anySatisfy(c -> {
            assertThat(c.get("purpose").asText()).isEqualTo("USER");
            assertThat(c.get("subject").asText()).isEqualTo("app:erp");
        });

        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("notarization"),
                "functions", List.of("record", "get"), "rateLimitPerSecond", 1000, "validDays", 30);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        accessKeyId = issued.json().get("key").get("accessKeyId").asText();
        secretKey = issued.json().get("secretKey").asText();
        assertThat(accessKeyId).startsWith("AK");
        assertThat(secretKey).startsWith("cs_sk_");

        Api.Response listed = alice.get(applications() + "/" + application + "/keys");
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.body()).doesNotContain(secretKey).doesNotContain("secretKey");
        String sealed = platform.bean(JdbcClient.class).sql("select sealed_secret from gateway_access_keys "
                + "where access_key_id = ?").param(accessKeyId).query(String.class).single();
        assertThat(sealed).doesNotContain(secretKey).doesNotContain(secretKey.substring(6));

        bob = Fixtures.member(platform.admin(), org1, "bob", "MEMBER");
        Api.Response notAdmin = bob.post(applications() + "/" + application + "/keys", Json.of("channels",
                List.of("*"), "contracts", List.of("*"), "functions", List.of("*")));
        assertThat(notAdmin.status()).as(notAdmin.toString()).isEqualTo(403);
        client = GatewayClient.of(base(), accessKeyId, secretKey);
    }

    @Test
    @Order(20)
    void the_application_notarizes_verifies_and_reads_blocks_and_transactions_as_its_own_identity() {
        GatewayClient.Response notarized = client.post("/gateway/v1/channels/main/notarizations",
                notarization("invoice-1"));
        assertThat(notarized.status()).as(notarized.body()).isEqualTo(201);
        String transactionId = json(notarized).get("transactionId").asText();
        lastBlock = json(notarized).get("blockNumber").asLong();
        invoiceTransactionId = transactionId;
        invoiceBlock = lastBlock;

        GatewayClient.Response verified = client.get("/gateway/v1/channels/main/notarizations/" + doc("invoice-1"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).get("proofVerified").asBoolean()).isTrue();
        assertThat(json(verified).get("transactionId").asText()).isEqualTo(transactionId);
        assertThat(json(verified).get("record").get("submitterOrganization").asText()).isEqualTo("org1");

        GatewayClient.Response block = client.get("/gateway/v1/channels/main/blocks/" + lastBlock);
        assertThat(block.status()).as(block.body()).isEqualTo(200);
        assertThat(json(block).get("transactions")).anySatisfy(t -> {
            assertThat(t.get("transactionId").asText()).isEqualTo(transactionId);
            assertThat(t.get("contract").asText()).isEqualTo("notarization");
            assertThat(t.get("creatorOrganization").asText()).isEqualTo("org1");
        });
        String hash = json(block).get("hash").asText();
        GatewayClient.Response byHash = client.get("/gateway/v1/channels/main/blocks?hash=" + hash);
        assertThat(byHash.status()).as(byHash.body()).isEqualTo(200);
        assertThat(json(byHash).get("number").asLong()).isEqualTo(lastBlock);

        GatewayClient.Response transaction = client.get("/gateway/v1/channels/main/transactions/" + transactionId);
        assertThat(transaction.status()).as(transaction.body()).isEqualTo(200);
        assertThat(transaction.body()).contains(transactionId);
        // the transaction carries the application's own certificate: its subject is the application
        assertThat(transaction.body()).contains(java.util.HexFormat.of().formatHex(
                "app:erp".getBytes(StandardCharsets.UTF_8)));

        // every gateway call is in the audit trail under its access key and organisation
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response audit = platform.admin().get("/api/v1/audit/records?actor=" + accessKeyId);
            assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
            assertThat(audit.body()).contains("notarizations").contains("ACCESS_KEY");
            assertThat(audit.json().toString()).contains("\"organizationId\":" + org1);
        });
    }

    @Test
    @Order(30)
    void many_transactions_in_one_request_are_each_committed_and_reported_in_order() {
        StringBuilder body = new StringBuilder("{\"transactions\":[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\"")
                    .append(doc("batch-" + i)).append("\",\"batch ").append(i).append("\"]}");
        }
        GatewayClient.Response submitted = client.post("/gateway/v1/channels/main/transactions",
                body.append("]}").toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(json(submitted).get("count").asInt()).isEqualTo(5);
        assertThat(json(submitted).get("valid").asInt()).isEqualTo(5);
        for (JsonNode outcome : json(submitted).get("transactions")) {
            lastBlock = Math.max(lastBlock, outcome.get("blockNumber").asLong());
        }
        // a call the contract refuses is still answered 200: committed in a block, marked CONTRACT_REJECTED
        GatewayClient.Response again = client.post("/gateway/v1/channels/main/transactions",
                "{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\"" + doc("batch-0") + "\",\"again\"]}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("valid").asInt()).as(again.body()).isZero();
        JsonNode refused = json(again).get("transactions").get(0);
        assertThat(refused.get("status").asText()).as(again.body()).isEqualTo("COMMITTED");
        assertThat(refused.get("code").asText()).isEqualTo("CONTRACT_REJECTED");
        assertThat(refused.get("reason").asText()).contains("already notarized");
        lastBlock = Math.max(lastBlock, refused.get("blockNumber").asLong());
        GatewayClient.Response evaluated = client.post("/gateway/v1/channels/main/evaluate",
                "{\"contract\":\"notarization\",\"function\":\"get\",\"args\":[\"" + doc("batch-3") + "\"]}");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(json(evaluated).get("result").get("metadata").asText()).isEqualTo("batch 3");
    }

    @Test
    @Order(31)
    void a_notarization_the_contract_refuses_is_a_409_naming_the_transaction_and_the_block_that_record_it() {
        // through the gateway and through the REST API: the refused call is in a block all the same
        GatewayClient.Response gateway = client.post("/gateway/v1/channels/main/notarizations",
                notarization("invoice-1"));
        assertRefused(gateway, 409, "contract-rejected");
        Api.Response rest = alice.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", doc("invoice-1"), "metadata", "again"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(409);
        for (JsonNode problem : List.of(json(gateway), rest.json())) {
            assertThat(problem.get("type").asText()).isEqualTo("urn:consortia:problem:contract-rejected");
            assertThat(problem.get("code").asText()).as(problem.toString()).isEqualTo("CONTRACT_REJECTED");
            assertThat(problem.get("detail").asText()).contains("already notarized");
            assertThat(problem.path("transactionId").asText()).as(problem.toString()).matches("[0-9a-f]{64}");
            assertThat(problem.path("blockNumber").isIntegralNumber()).as(problem.toString()).isTrue();
            String transactionId = problem.get("transactionId").asText();
            long blockNumber = problem.get("blockNumber").asLong();
            lastBlock = Math.max(lastBlock, blockNumber);
            // the developer finds the recorded transaction by them
            GatewayClient.Response receipt = client.get("/gateway/v1/channels/main/transactions/" + transactionId);
            assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
            assertThat(json(receipt).get("blockNumber").asLong()).isEqualTo(blockNumber);
            assertThat(json(receipt).get("transaction").get("code").asText()).isEqualTo("CONTRACT_REJECTED");
            assertThat(json(client.get("/gateway/v1/channels/main/blocks/" + blockNumber)).get("transactions"))
                    .anySatisfy(t -> assertThat(t.get("transactionId").asText()).isEqualTo(transactionId));
        }
    }

    @Test
    @Order(35)
    void the_signed_curl_script_notarizes_and_reads() throws Exception {
        String hash = doc("from-the-shell");
        String created = script("-d", "{\"documentHash\":\"" + hash + "\",\"metadata\":\"shell\"}",
                base() + "/gateway/v1/channels/main/notarizations");
        assertThat(Api.JSON.readTree(created).get("transactionId").asText()).as(created).hasSize(64);
        lastBlock = Math.max(lastBlock, Api.JSON.readTree(created).get("blockNumber").asLong());
        String read = script(base() + "/gateway/v1/channels/main/notarizations/" + hash + "?a=1&Z=2");
        assertThat(Api.JSON.readTree(read).get("proofVerified").asBoolean()).as(read).isTrue();
        // the query is signed as the gateway reads it: escapes decoded and re-encoded
        String blockHash = client.get("/gateway/v1/channels/main/blocks/" + lastBlock).body();
        blockHash = Api.JSON.readTree(blockHash).get("hash").asText();
        String escaped = "%" + Integer.toHexString(blockHash.charAt(0)).toUpperCase() + blockHash.substring(1);
        String byHash = script(base() + "/gateway/v1/channels/main/blocks?hash=" + escaped
                + "&event=a%2Eb&event=a%2Bb&event=a%20b");
        assertThat(Api.JSON.readTree(byHash).path("number").asLong(-1)).as(byHash).isEqualTo(lastBlock);
    }

    @Test
    @Order(37)
    void a_read_of_a_record_that_does_not_exist_is_404_and_a_refused_read_409() {
        GatewayClient.Response missing = client.post("/gateway/v1/channels/main/evaluate",
                "{\"contract\":\"notarization\",\"function\":\"get\",\"args\":[\"" + doc("never") + "\"]}");
        assertRefused(missing, 404, "not-found");
        assertThat(json(missing).get("detail").asText()).isEqualTo("document " + doc("never") + " is not notarized");
        assertRefused(client.get("/gateway/v1/channels/main/notarizations/" + doc("never")), 404, "not-found");
        assertRefused(client.post("/gateway/v1/channels/main/evaluate",
                "{\"contract\":\"notarization\",\"function\":\"get\",\"args\":[\"not-a-hash\"]}"),
                409, "contract-rejected"); // the contract's verdict, as when the same call is submitted
    }

    @Test
    @Order(38)
    void a_literal_plus_in_a_query_is_refused_with_400_and_neither_the_sdk_nor_the_script_signs_it() throws Exception {
        // Spring reads '+' as a space: signed as a plus, ?hash=a+b and ?hash=a%2Bb shared one signature
        HttpRequest signed = client.prepare("GET", "/gateway/v1/channels/main/blocks?hash=a%2Bb", new byte[0],
                client.newNonce());
        HttpRequest plus = HttpRequest.newBuilder(java.net.URI.create(base() + "/gateway/v1/channels/main/blocks?hash=a+b"))
                .headers(signed.headers().map().entrySet().stream()
                        .filter(e -> !e.getKey().equalsIgnoreCase("host"))
                        .flatMap(e -> e.getValue().stream().flatMap(v -> java.util.stream.Stream.of(e.getKey(), v)))
                        .toArray(String[]::new)).GET().build();
        GatewayClient.Response refused = client.send(plus);
        assertRefused(refused, 400, "bad-request");
        assertThat(json(refused).get("detail").asText()).contains("write a space as %20 and a plus as %2B");
        assertThatThrownBy(() -> client.get("/gateway/v1/channels/main/blocks?hash=a+b"))
                .isInstanceOf(io.consortia.sdk.gateway.RequestSigner.AmbiguousPlusException.class);
        String scriptRefused = script(2, base() + "/gateway/v1/channels/main/blocks?hash=a+b");
        assertThat(scriptRefused).contains("%2B");
    }

    /** Runs scripts/consortia-curl with this test's key; returns what it printed. */
    private String script(String... args) throws Exception {
        return script(0, args);
    }

    /** As {@link #script(String...)}, expecting the given exit code. */
    private String script(int exit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "../scripts/consortia-curl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONSORTIA_AK", accessKeyId);
        builder.environment().put("CONSORTIA_SK", secretKey);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(exit);
        return output;
    }

    @Test
    @Order(40)
    void a_scoped_key_cannot_call_outside_its_scope_and_nothing_is_submitted() {
        assertRefused(client.post("/gateway/v1/channels/second/notarizations", notarization("other-channel")),
                403, "gateway-out-of-scope");
        assertRefused(client.post("/gateway/v1/channels/main/transactions",
                "{\"contract\":\"asset\",\"function\":\"create\",\"args\":[\"a1\",\"x\",\"1\"]}"),
                403, "gateway-out-of-scope");
        assertRefused(client.post("/gateway/v1/channels/main/evaluate",
                "{\"contract\":\"notarization\",\"function\":\"history\",\"args\":[]}"), 403, "gateway-out-of-scope");
        // one call out of scope refuses the whole request: the in-scope calls are not sent either
        assertRefused(client.post("/gateway/v1/channels/main/transactions", "{\"transactions\":["
                + "{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\"" + doc("mixed") + "\",\"m\"]},"
                + "{\"contract\":\"asset\",\"function\":\"create\",\"args\":[\"a2\",\"x\",\"1\"]}]}"),
                403, "gateway-out-of-scope");
        assertThat(client.get("/gateway/v1/channels/main/notarizations/" + doc("mixed")).status()).isEqualTo(404);
        assertNothingCommitted();
    }

    @Test
    @Order(42)
    void a_key_scoped_to_a_query_evaluates_it_but_cannot_submit_it_as_a_transaction() {
        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("notarization"),
                "functions", List.of("get"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        GatewayClient reader = GatewayClient.of(base(), issued.json().get("key").get("accessKeyId").asText(),
                issued.json().get("secretKey").asText());
        String get = "{\"contract\":\"notarization\",\"function\":\"get\",\"args\":[\"" + doc("invoice-1") + "\"]}";
        GatewayClient.Response evaluated = reader.post("/gateway/v1/channels/main/evaluate", get);
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(json(evaluated).get("result").get("metadata").asText()).isEqualTo("invoice-1");

        GatewayClient.Response submitted = reader.post("/gateway/v1/channels/main/transactions", get);
        assertRefused(submitted, 403, "gateway-out-of-scope");
        assertThat(json(submitted).get("detail").asText()).contains("notarization.get").contains("evaluate");
        assertNothingCommitted();
    }

    @Test
    @Order(43)
    void a_key_scoped_to_a_user_contracts_declared_query_evaluates_it_but_cannot_submit_it() {
        // the store's records example: its manifest declares get and list queries, put and del submitted
        String channel = "/api/v1/consortia/" + consortium + "/channels/main";
        Api.Response installed = alice.post("/api/v1/consortia/" + consortium + "/contract-store/records/install",
                Json.of("channel", "main"));
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        Api.Response committed = alice.post(channel + "/user-contracts/records/proposals/1/"
                + installed.json().get("result").get("digest").asText() + "/commit", "{}");
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        // the store shows which of a template's functions are queries, in both languages
        assertThat(alice.get("/console/consortia/" + consortium + "/contract-store?lang=en").body())
                .contains("query (evaluated, nothing written)");
        assertThat(alice.get("/console/consortia/" + consortium + "/contract-store?lang=zh-CN").body())
                .contains("查询（只读，不写入）");
        while (client.get("/gateway/v1/channels/main/blocks/" + (lastBlock + 1)).status() == 200) {
            lastBlock++;
        }

        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("records"),
                "functions", List.of("list"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        GatewayClient reader = GatewayClient.of(base(), issued.json().get("key").get("accessKeyId").asText(),
                issued.json().get("secretKey").asText());
        String list = "{\"contract\":\"records\",\"function\":\"list\",\"args\":[]}";
        GatewayClient.Response evaluated = reader.post("/gateway/v1/channels/main/evaluate", list);
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);

        GatewayClient.Response submitted = reader.post("/gateway/v1/channels/main/transactions", list);
        assertRefused(submitted, 403, "gateway-out-of-scope");
        assertThat(json(submitted).get("detail").asText()).contains("records.list").contains("evaluate");
        assertNothingCommitted();

        // a function the manifest does not declare a query is still submitted
        Api.Response writer = issue("channels", List.of("main"), "contracts", List.of("records"),
                "functions", List.of("put"));
        GatewayClient.Response put = GatewayClient.of(base(), writer.json().get("key").get("accessKeyId").asText(),
                writer.json().get("secretKey").asText()).post("/gateway/v1/channels/main/transactions",
                "{\"contract\":\"records\",\"function\":\"put\",\"args\":[\"r1\",\"v\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode outcome = json(put).get("transactions").get(0);
        assertThat(outcome.get("code").asText()).as(put.body()).isEqualTo("VALID");
        lastBlock = Math.max(lastBlock, outcome.get("blockNumber").asLong());
        recordsTransactionId = outcome.get("transactionId").asText();
        recordsBlock = outcome.get("blockNumber").asLong();
    }

    @Test
    @Order(44)
    void an_asset_the_application_creates_with_any_id_the_contract_takes_is_read_and_transferred_over_rest() {
        // the REST endpoints took 1-64 characters without ':' while the contract takes 1-128 with it
        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("asset"),
                "functions", List.of("create"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        GatewayClient creator = GatewayClient.of(base(), issued.json().get("key").get("accessKeyId").asText(),
                issued.json().get("secretKey").asText());
        String assets = "/api/v1/consortia/" + consortium + "/channels/main/assets/";
        for (String assetId : List.of("h1:colon:id", "x".repeat(100), "y".repeat(128))) {
            GatewayClient.Response created = creator.post("/gateway/v1/channels/main/transactions",
                    "{\"contract\":\"asset\",\"function\":\"create\",\"args\":[\"" + assetId + "\",\"d\",\"1\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            JsonNode outcome = json(created).get("transactions").get(0);
            assertThat(outcome.get("code").asText()).as(created.body()).isEqualTo("VALID");
            lastBlock = Math.max(lastBlock, outcome.get("blockNumber").asLong());

            Api.Response read = alice.get(assets + assetId);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("owner").asText()).isEqualTo("org1");
            Api.Response history = alice.get(assets + assetId + "/history");
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            assertThat(history.json()).hasSize(1);
            // the id passes the platform's check and reaches the contract, whose verdict this is
            Api.Response transfer = alice.post(assets + assetId + "/transfer", Json.of("newOwnerOrganization", "org1"));
            assertThat(transfer.status()).as(transfer.toString()).isEqualTo(409);
            assertThat(transfer.json().get("detail").asText()).contains("already belongs to org1");
        }
        Api.Response tooLong = alice.get(assets + "z".repeat(129));
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asText())
                .isEqualTo("assetId must be 1-128 characters of [A-Za-z0-9._:-], not only dots");
    }

    @Test
    @Order(45)
    void after_its_certificate_is_revoked_the_application_gets_a_new_one_on_its_next_call() {
        // The application has transacted (order 20, 30), so the platform holds its identity opened.
        String before = applicationSerial();
        Api.Response revoked = alice.post("/api/v1/consortia/" + consortium + "/certificates/" + before + "/revoke",
                Json.of("reason", "application key compromised"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(202);
        JsonNode operation = Waits.deployment(alice, revoked.json().get("id").asLong());
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("SUCCEEDED");

        // As for a user: the next call gets a new certificate and commits, never signed with the revoked one.
        GatewayClient.Response submitted = client.post("/gateway/v1/channels/main/transactions",
                "{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\""
                        + doc("after-certificate-revocation") + "\",\"after revocation\"]}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        JsonNode outcome = json(submitted).get("transactions").get(0);
        assertThat(outcome.get("code").asText()).as(submitted.body()).isEqualTo("VALID");
        lastBlock = Math.max(lastBlock, outcome.get("blockNumber").asLong());
        assertThat(applicationSerial()).isNotEqualTo(before);
    }

    /** The certificate {@code subject} (an application's USER identity) uses now, from the consortium's inventory. */
    private JsonNode certificateOf(String subject) {
        for (JsonNode c : alice.get("/api/v1/consortia/" + consortium + "/certificates").json()) {
            if ("USER".equals(c.get("role").asText()) && subject.equals(c.get("subject").asText())
                    && c.get("inUse").asBoolean()) {
                return c;
            }
        }
        throw new AssertionError("No certificate in use for " + subject);
    }

    /** The certificate with this serial in the consortium's inventory. */
    private JsonNode inventory(String serial) {
        for (JsonNode c : alice.get("/api/v1/consortia/" + consortium + "/certificates").json()) {
            if (serial.equals(c.get("serial").asText())) {
                return c;
            }
        }
        throw new AssertionError("No certificate " + serial + " in the inventory");
    }

    /** The serial of the certificate the application uses now, from the consortium's inventory. */
    private String applicationSerial() {
        Api.Response inventory = alice.get("/api/v1/consortia/" + consortium + "/certificates");
        assertThat(inventory.status()).as(inventory.toString()).isEqualTo(200);
        for (JsonNode c : inventory.json()) {
            if ("USER".equals(c.get("role").asText()) && "app:erp".equals(c.get("subject").asText())
                    && c.get("inUse").asBoolean()) {
                return c.get("serial").asText();
            }
        }
        throw new AssertionError("No certificate in use for app:erp in " + inventory.json());
    }

    @Test
    @Order(46)
    void a_key_scoped_to_some_contracts_reads_only_their_transactions_and_their_part_of_a_block() {
        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("records", "misc"),
                "functions", List.of("*"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String scopedKey = issued.json().get("key").get("accessKeyId").asText();
        GatewayClient scoped = GatewayClient.of(base(), scopedKey, issued.json().get("secretKey").asText());
        assertRefused(scoped.get("/gateway/v1/channels/main/notarizations/" + doc("invoice-1")), 403,
                "gateway-out-of-scope");
        // the receipt of that notarization holds the same record (its arguments and result): refused as well
        GatewayClient.Response receipt = scoped.get("/gateway/v1/channels/main/transactions/" + invoiceTransactionId);
        assertRefused(receipt, 403, "gateway-out-of-scope");
        assertThat(json(receipt).get("detail").asText()).isEqualTo("Access key " + scopedKey
                + " may not read transaction " + invoiceTransactionId
                + ": it calls contract notarization (its contracts: misc, records)");
        assertThat(receipt.body()).doesNotContain(java.util.HexFormat.of().formatHex(
                "invoice-1".getBytes(StandardCharsets.UTF_8)));
        // a transaction of its own contract it reads
        GatewayClient.Response own = scoped.get("/gateway/v1/channels/main/transactions/" + recordsTransactionId);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains(recordsTransactionId);

        // a block shows it only its contracts' transactions, and how many it does not show
        for (String path : List.of("/blocks/" + invoiceBlock, "/blocks?hash=" + json(client.get(
                "/gateway/v1/channels/main/blocks/" + invoiceBlock)).get("hash").asText())) {
            GatewayClient.Response block = scoped.get("/gateway/v1/channels/main" + path);
            assertThat(block.status()).as(block.body()).isEqualTo(200);
            JsonNode view = json(block);
            assertThat(view.get("number").asLong()).isEqualTo(invoiceBlock);
            assertThat(block.body()).doesNotContain(invoiceTransactionId).doesNotContain("\"notarization\"");
            assertThat(view.get("transactions")).allSatisfy(t -> assertThat(t.get("contract").asText())
                    .isIn("records", "misc"));
            assertThat(view.get("transactionsOutOfScope").asInt())
                    .isEqualTo(view.get("transactionCount").asInt() - view.get("transactions").size()).isPositive();
        }
        // nor do BLOCK events, which list every transaction's contract: a webhook or a stream of them is refused
        assertRefused(scoped.post("/gateway/v1/subscriptions", "{\"channel\":\"main\",\"kind\":\"BLOCK\","
                + "\"url\":\"http://127.0.0.1:9/hook\"}"), 403, "gateway-out-of-scope");
        assertRefused(scoped.get("/gateway/v1/events/stream?channel=main&kind=BLOCK"), 403, "gateway-out-of-scope");
        JsonNode ownBlock = json(scoped.get("/gateway/v1/channels/main/blocks/" + recordsBlock));
        assertThat(ownBlock.get("transactions")).anySatisfy(t -> {
            assertThat(t.get("transactionId").asText()).isEqualTo(recordsTransactionId);
            assertThat(t.get("contract").asText()).isEqualTo("records");
        });
        // a key for every contract still sees the whole block
        Api.Response every = issue("channels", List.of("main"), "contracts", List.of("*"), "functions", List.of("*"));
        assertThat(every.status()).as(every.toString()).isEqualTo(201);
        JsonNode whole = json(GatewayClient.of(base(), every.json().get("key").get("accessKeyId").asText(),
                every.json().get("secretKey").asText()).get("/gateway/v1/channels/main/blocks/" + invoiceBlock));
        assertThat(whole.get("transactionsOutOfScope").asInt()).isZero();
        assertThat(whole.get("transactions").size()).isEqualTo(whole.get("transactionCount").asInt());
    }

    @Test
    @Order(50)
    void bad_signatures_unknown_keys_and_requests_outside_the_window_are_refused() {
        assertRefused(GatewayClient.of(base(), accessKeyId, secretKey + "x").post(
                "/gateway/v1/channels/main/notarizations", notarization("forged")), 401, "gateway-bad-signature");
        // a body changed after signing
        HttpRequest signed = client.prepare("POST", "/gateway/v1/channels/main/notarizations",
                notarization("signed").getBytes(StandardCharsets.UTF_8), client.newNonce());
        HttpRequest tampered = HttpRequest.newBuilder(signed.uri())
                .headers(signed.headers().map().entrySet().stream()
                        .flatMap(e -> e.getValue().stream().flatMap(v -> java.util.stream.Stream.of(e.getKey(), v)))
                        .toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofString(notarization("tampered"))).build();
        assertRefused(client.send(tampered), 401, "gateway-bad-signature");
        assertRefused(GatewayClient.of(base(), "AKNOSUCHKEY0000000000", secretKey).get(
                "/gateway/v1/channels/main/blocks/0"), 401, "gateway-unknown-key");
        // an unknown key stays anonymous in the audit trail, but the id it claimed is recorded
        JsonNode unknown = awaitAudit("actor=anonymous&status=401&action=/blocks/", "claimedKey=AKNOSUCHKEY0000000000");
        assertThat(unknown.get("details").asText()).contains("refused=gateway-unknown-key").doesNotContain(secretKey);
        Instant now = Instant.now();
        assertRefused(client.withClock(Clock.fixed(now.minus(Duration.ofMinutes(6)), ZoneOffset.UTC)).post(
                "/gateway/v1/channels/main/notarizations", notarization("late")), 401, "gateway-clock-skew");
        assertRefused(client.withClock(Clock.fixed(now.plus(Duration.ofMinutes(6)), ZoneOffset.UTC)).post(
                "/gateway/v1/channels/main/notarizations", notarization("early")), 401, "gateway-clock-skew");
        Api.Response bearer = alice.post("/gateway/v1/channels/main/notarizations", notarization("bearer"));
        assertThat(bearer.status()).as(bearer.toString()).isEqualTo(401);
        assertThat(bearer.json().get("type").asText()).isEqualTo("urn:consortia:problem:gateway-unsigned");
        for (String name : List.of("forged", "signed", "tampered", "late", "early", "bearer")) {
            assertThat(client.get("/gateway/v1/channels/main/notarizations/" + doc(name)).status()).as(name)
                    .isEqualTo(404);
        }
        assertNothingCommitted();
    }

    @Test
    @Order(60)
    void a_replayed_request_is_refused_also_after_a_platform_restart() {
        byte[] body = notarization("replayed").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = client.prepare("POST", "/gateway/v1/channels/main/notarizations", body,
                client.newNonce());
        GatewayClient.Response first = client.send(request);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        lastBlock = json(first).get("blockNumber").asLong();
        assertRefused(client.send(request), 401, "gateway-replayed-nonce");
        // a request signed before the restart, sent for the first time after it, still goes through
        HttpRequest unsent = client.prepare("GET", "/gateway/v1/channels/main/blocks/" + lastBlock, new byte[0],
                client.newNonce());

        // the same port, since the Host header is signed
        platform.with("server.port", platform.port()).restart();
        assertRefused(client.send(request), 401, "gateway-replayed-nonce");
        GatewayClient.Response read = client.send(unsent);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(platform.bean(JdbcClient.class).sql("select count(*) from gateway_nonces where nonce = ?")
                .param(request.headers().firstValue("X-Consortia-Nonce").orElseThrow()).query(Long.class).single())
                .isEqualTo(1L);
        assertNothingCommitted();
    }

    @Test
    @Order(70)
    void a_key_over_its_rate_is_refused_with_429_and_retry_after() {
        Api.Response issued = issue("channels", List.of("main"), "contracts", List.of("*"), "functions",
                List.of("*"), "rateLimitPerSecond", 1);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        GatewayClient slow = GatewayClient.of(base(), issued.json().get("key").get("accessKeyId").asText(),
                issued.json().get("secretKey").asText());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // refused as bad input once through the gate: quick, and no node is asked
            GatewayClient.Response response = slow.get("/gateway/v1/channels/main/blocks/not-a-number");
            statuses.add(response.status());
            if (response.status() == 429) {
                assertRefused(response, 429, "gateway-rate-limited");
            }
        }
        assertThat(statuses).contains(400, 429);
    }

    @Test
    @Order(80)
    void revoked_and_expired_keys_are_refused() {
        Api.Response issued = issue("channels", List.of("*"), "contracts", List.of("*"), "functions", List.of("*"));
        String expiring = issued.json().get("key").get("accessKeyId").asText();
        GatewayClient soonExpired = GatewayClient.of(base(), expiring, issued.json().get("secretKey").asText());
        assertThat(soonExpired.get("/gateway/v1/channels/second/blocks/0").status()).isEqualTo(200);
        platform.bean(JdbcClient.class).sql("update gateway_access_keys set expires_at = ? where access_key_id = ?")
                .params(System.currentTimeMillis() - 1, expiring).update();
        assertRefused(soonExpired.get("/gateway/v1/channels/second/blocks/0"), 401, "gateway-key-expired");

        // (a key for notarization only follows its transactions; BLOCK events, listing every contract, are not its)
        EventLines stream = EventLines.open(client,
                "/gateway/v1/events/stream?channel=main&kind=TX_STATUS&contract=notarization");
        Api.Response revoked = alice.post(applications() + "/" + application + "/keys/" + accessKeyId + "/revoke", "");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("REVOKED");
        assertRefused(client.post("/gateway/v1/channels/main/notarizations", notarization("after-revocation")), 401,
                "gateway-key-revoked");
        // the stream opened before the revocation ends at the next block, saying why
        Api.Response committed = alice.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", doc("after-revocation-block")));
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        stream.awaitEnd(Duration.ofSeconds(30));
        assertThat(stream.text()).contains("event: end").contains("is REVOKED");
        // the refusal is recorded under the revoked key and its organisation, not as anonymous
        JsonNode refusal = awaitAudit("actor=" + accessKeyId + "&status=401", "refused=gateway-key-revoked");
        assertThat(refusal.get("actorKind").asText()).isEqualTo("ACCESS_KEY");
        assertThat(refusal.get("organizationId").asLong()).isEqualTo(org1);
        assertThat(refusal.get("details").asText()).startsWith("auth=access-key").doesNotContain(secretKey);
        assertThat(alice.post(applications() + "/" + application + "/keys/" + accessKeyId + "/revoke", "").status())
                .isEqualTo(409);
    }

    @Test
    @Order(90)
    void an_admin_deletes_an_access_key_and_an_application_and_requests_with_their_keys_are_refused_as_unknown() {
        Api.Response issued = issue("channels", List.of("*"), "contracts", List.of("*"), "functions", List.of("*"));
        String doomed = issued.json().get("key").get("accessKeyId").asText();
        GatewayClient doomedClient = GatewayClient.of(base(), doomed, issued.json().get("secretKey").asText());
        assertThat(doomedClient.get("/gateway/v1/channels/second/blocks/0").status()).isEqualTo(200);
        String keyPath = applications() + "/" + application + "/keys/" + doomed;

        assertThat(bob.delete(keyPath).status()).as("a member, not an admin").isEqualTo(403);
        assertThat(alice.delete(applications() + "/" + application + "/keys/AKNOSUCHKEY000000000").status())
                .isEqualTo(404);
        Api.Response deleted = alice.delete(keyPath);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertRefused(doomedClient.get("/gateway/v1/channels/second/blocks/0"), 401, "gateway-unknown-key");
        assertThat(alice.get(applications() + "/" + application + "/keys").body()).doesNotContain(doomed);
        assertThat(alice.delete(keyPath).status()).as("deleted already").isEqualTo(404);

        // an application: its keys and subscriptions go with it
        Api.Response registered = alice.post(applications(), Json.of("consortiumId", consortium, "name", "crm"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        long crm = registered.json().get("id").asLong();
        Api.Response crmKey = alice.post(applications() + "/" + crm + "/keys", Json.of("channels", List.of("*"),
                "contracts", List.of("*"), "functions", List.of("*")));
        assertThat(crmKey.status()).as(crmKey.toString()).isEqualTo(201);
        GatewayClient crmClient = GatewayClient.of(base(), crmKey.json().get("key").get("accessKeyId").asText(),
                crmKey.json().get("secretKey").asText());
        assertThat(crmClient.get("/gateway/v1/channels/main/blocks/0").status()).isEqualTo(200);
        String crmSerial = certificateOf("app:crm").get("serial").asText();
        Api.Response subscribed = alice.post(applications() + "/" + crm + "/subscriptions", Json.of("channel", "main",
                "kind", "BLOCK", "url", "http://127.0.0.1:9/events"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        long subscription = subscribed.json().get("id").asLong();

        assertThat(bob.delete(applications() + "/" + crm).status()).isEqualTo(403);
        assertThat(alice.delete(applications() + "/999999").status()).isEqualTo(404);
        // What a copy of the application's key signs with, past the gateway: its identity as custody holds it now.
        Identity copied = platform.bean(CustodyService.class).userIdentity(consortium, org1, "app:crm");
        assertThat(CustodyService.serial(copied.certificate())).isEqualTo(crmSerial);
        Gateway copy = platform.bean(NetworkClients.class).gateway(consortium, org1, copied,
                platform.bean(Nodes.class).ofConsortium(consortium));
        copy.channel("main").contract("notarization").submit("record", doc("crm's copy before the deletion"), "");
        Api.Response gone = alice.delete(applications() + "/" + crm);
        // its identity goes too: revoked at once in custody, then put on chain by an operation
        JsonNode revoked = inventory(crmSerial);
        assertThat(revoked.get("status").asText()).as(revoked.toString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revocationReason").asText()).isEqualTo("cessationOfOperation: application deleted");
        assertThat(gone.status()).as(gone.toString()).isEqualTo(200);
        assertThat(gone.json().get("certificate").asText()).contains(crmSerial);
        assertThat(gone.json().get("warning").isNull()).as(gone.toString()).isTrue();
        JsonNode onChain = Waits.deployment(alice, gone.json().get("revocationOperationId").asLong());
        assertThat(onChain.get("status").asText()).as(onChain.toString()).isEqualTo("SUCCEEDED");
        // the node itself refuses the deleted application's identity, not only the gateway its access key
        try (copy) {
            assertThatThrownBy(() -> copy.channel("main").contract("notarization")
                    .submit("record", doc("crm's copy after the deletion"), ""))
                    .satisfies(e -> assertThat(codeOf(e)).as(e.toString()).isEqualTo(ValidationCode.CERTIFICATE_REVOKED));
        }
        assertThat(alice.get(applications()).json()).noneSatisfy(a -> assertThat(a.get("id").asLong()).isEqualTo(crm));
        assertRefused(crmClient.get("/gateway/v1/channels/main/blocks/0"), 401, "gateway-unknown-key");
        assertThat(alice.get(applications() + "/" + crm + "/keys").status()).isEqualTo(404);
        assertThat(alice.get(applications() + "/" + crm + "/subscriptions").status()).isEqualTo(404);
        assertThat(platform.bean(JdbcClient.class).sql("select count(*) from event_subscriptions where id = ?")
                .param(subscription).query(Long.class).single()).isZero();
        assertThat(alice.delete(applications() + "/" + crm).status()).isEqualTo(404);
        // the name stays taken: a new "crm" would sign on chain as the deleted one did (app:crm)
        assertThat(alice.post(applications(), Json.of("consortiumId", consortium, "name", "crm")).status())
                .isEqualTo(409);

        // both deletions are in the audit trail under the admin who made them
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String records = platform.admin().get("/api/v1/audit/records?actor=alice").body();
            assertThat(records).contains("DELETE /api/v1/organizations/{organizationId}/applications/{applicationId}"
                    + "/keys/{accessKeyId}").contains(doomed)
                    .contains("DELETE /api/v1/organizations/{organizationId}/applications/{applicationId}\"");
        });
    }

    /** The newest audit record matching the query whose details contain {@code detail}, once it is written. */
    private JsonNode awaitAudit(String query, String detail) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response records = platform.admin().get("/api/v1/audit/records?" + query);
            assertThat(records.status()).as(records.toString()).isEqualTo(200);
            for (JsonNode record : records.json()) {
                if (record.get("details").asText().contains(detail)) {
                    return record;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}
