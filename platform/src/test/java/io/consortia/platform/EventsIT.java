package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.sdk.gateway.GatewayClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Events for applications on a real local network (one organisation, one node): webhook
 * subscriptions survive a receiver that answers 503 and then is not there at all, and a platform
 * restart, delivering every event in order with duplicates only under the same delivery id and a
 * signature the receiver verifies as docs/gateway-signing.md says; a subscription replays from a
 * block; the gateway's server-sent-event stream resumes after Last-Event-ID; bad input is
 * refused with problem JSON and creates nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class EventsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private PlatformRunner platform;
    private WebhookReceiver receiver;
    private Api alice;
    private long org1;
    private long application;
    private String accessKeyId;
    private String secretKey;
    private GatewayClient client;
    /** Transactions notarized after the subscriptions were made, in commit order. */
    private final List<String> committed = new ArrayList<>();
    private long firstBlock;
    private long txSubscription;
    private long eventSubscription;

    @BeforeAll
    void startNetwork() {
        receiver = new WebhookReceiver().start();
        platform = new PlatformRunner(TestDatabase.H2)
                .with("consortia.events.poll-interval", "200ms")
                .with("consortia.events.retry-initial", "200ms")
                .with("consortia.events.retry-max", "2s")
                .start();
        Api admin = platform.admin();
        org1 = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        long consortium = Fixtures.consortium(alice, "Events Alliance");
        Api.Response started = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(Waits.deployment(alice, started.json().get("id").asLong()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        Api.Response registered = alice.post(applications(), Json.of("consortiumId", consortium, "name", "shop"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        application = registered.json().get("id").asLong();
        Api.Response issued = alice.post(applications() + "/" + application + "/keys", Json.of("channels",
                List.of("main"), "contracts", List.of("notarization"), "functions", List.of("*")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        accessKeyId = issued.json().get("key").get("accessKeyId").asText();
        secretKey = issued.json().get("secretKey").asText();
        client = GatewayClient.of("http://127.0.0.1:" + platform.port(), accessKeyId, secretKey);
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private String applications() {
        return "/api/v1/organizations/" + org1 + "/applications";
    }

    private String subscriptions() {
        return applications() + "/" + application + "/subscriptions";
    }

    private static JsonNode json(GatewayClient.Response response) {
        try {
            return Api.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON (" + response.status() + "): " + response.body(), e);
        }
    }

    private static String text(Object... fields) {
        try {
            return Api.JSON.writeValueAsString(Json.of(fields));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long subscriptionCount() {
        return platform.bean(JdbcClient.class).sql("select count(*) from event_subscriptions").query(Long.class)
                .single();
    }

    /** Notarizes a new document through the gateway; remembers its transaction; returns its block. */
    private long notarize(String name) {
        String hash = Hashes.hex(Hashes.sha256().digest(name.getBytes(StandardCharsets.UTF_8)));
        GatewayClient.Response response = client.post("/gateway/v1/channels/main/notarizations",
                "{\"documentHash\":\"" + hash + "\",\"metadata\":\"" + name + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        committed.add(json(response).get("transactionId").asText());
        return json(response).get("blockNumber").asLong();
    }

    private JsonNode subscription(long id) {
        Api.Response response = alice.get(subscriptions() + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode deliveries(long id) {
        Api.Response response = alice.get(subscriptions() + "/" + id + "/deliveries?limit=500");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    @Test
    @Order(10)
    void bad_subscription_input_is_refused_with_problem_json_and_creates_nothing() {
        String url = receiver.url();
        List<Object[]> bad = List.of(
                new Object[] {"channel", "main", "kind", "TX_STATUS"},
                new Object[] {"channel", "main", "kind", "TX_STATUS", "url", "ftp://127.0.0.1/hook"},
                new Object[] {"channel", "main", "kind", "TX_STATUS", "url", "not a url"},
                new Object[] {"channel", "main", "kind", "TX_STATUS", "url", "http://user:secret@127.0.0.1/hook"},
                new Object[] {"channel", "main", "kind", "EVERYTHING", "url", url},
                new Object[] {"channel", "main", "url", url},
                new Object[] {"channel", "main", "kind", "BLOCK", "contract", "notarization", "url", url},
                new Object[] {"channel", "main", "kind", "TX_STATUS", "eventNames", List.of("notarized"), "url", url},
                new Object[] {"channel", "main", "kind", "CONTRACT_EVENT", "contract", "bad name!", "url", url},
                new Object[] {"channel", "nowhere", "kind", "BLOCK", "url", url},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", url, "fromBlock", -1},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", url, "fromBlock", 1_000_000},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", url, "signingAccessKeyId", "AKNOSUCHKEY"},
                // never a receiver: the cloud metadata service, link-local and unspecified addresses
                new Object[] {"channel", "main", "kind", "BLOCK", "url", "http://169.254.169.254/latest/meta-data/"},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", "http://[fe80::1]:8080/hook"},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", "http://0.0.0.0:" + platform.port()
                        + "/actuator/prometheus"},
                new Object[] {"channel", "main", "kind", "BLOCK", "url", "http://[::]/hook"});
        for (Object[] fields : bad) {
            Api.Response refused = alice.post(subscriptions(), Json.of(fields));
            assertProblem(refused, 400);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
        }
        assertProblem(alice.postRaw(subscriptions(), "application/json", "{\"channel\":\"main\",\"surprise\":1}"),
                400);
        // through the gateway: the key's scope is main and notarization only
        GatewayClient.Response outOfScope = client.post("/gateway/v1/subscriptions",
                text("channel", "main", "kind", "TX_STATUS", "contract", "nft", "url", url));
        assertThat(outOfScope.status()).as(outOfScope.body()).isEqualTo(403);
        assertThat(json(outOfScope).get("type").asText()).isEqualTo("urn:consortia:problem:gateway-out-of-scope");
        GatewayClient.Response anyContract = client.post("/gateway/v1/subscriptions",
                text("channel", "main", "kind", "CONTRACT_EVENT", "url", url));
        assertThat(anyContract.status()).as(anyContract.body()).isEqualTo(403);
        GatewayClient.Response metadata = client.post("/gateway/v1/subscriptions", text("channel", "main", "kind",
                "TX_STATUS", "contract", "notarization", "url", "http://169.254.169.254/latest/meta-data/"));
        assertThat(metadata.status()).as(metadata.body()).isEqualTo(400);
        assertThat(json(metadata).get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
        assertThat(json(metadata).get("detail").asText()).contains("link-local");
        Api bob = Fixtures.member(platform.admin(), org1, "bob", "MEMBER");
        assertProblem(bob.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url", url)), 403);
        assertThat(subscriptionCount()).isZero();
    }

    @Test
    @Order(11)
    void one_answer_names_every_field_wrong_the_channel_and_its_height_included() {
        // the url alone was listed; the channel and fromBlock came one at a time, without errors
        String metadataService = "http://169.254.169.254/";
        assertErrors(alice.post(subscriptions(), Json.of("channel", "nochan", "kind", "BLOCK", "url", metadataService,
                "fromBlock", 99999)), "url", "channel");
        assertErrors(alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url", metadataService,
                "fromBlock", 99999)), "url", "fromBlock");
        Api.Response both = alice.post(subscriptions(), Json.of("channel", "nochan", "kind", "EVERYTHING", "url",
                receiver.url(), "signingAccessKeyId", "AKNOSUCHKEY"));
        assertErrors(both, "signingAccessKeyId", "kind", "channel");
        assertThat(both.json().get("errors").get(2).get("message").asText())
                .isEqualTo("is not a channel of the application's consortium");
        Api.Response height = alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url",
                receiver.url(), "fromBlock", 99999));
        assertErrors(height, "fromBlock");
        assertThat(height.json().get("detail").asText()).startsWith("Invalid request: fromBlock is beyond the "
                + "channel's height ");
        // through the gateway alike; a channel outside the key's scope stays a 403 that says nothing of it
        GatewayClient.Response signed = client.post("/gateway/v1/subscriptions", text("channel", "main", "kind",
                "TX_STATUS", "contract", "notarization", "url", metadataService, "fromBlock", 99999));
        assertThat(signed.status()).as(signed.body()).isEqualTo(400);
        assertThat(json(signed).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("url", "fromBlock");
        GatewayClient.Response elsewhere = client.post("/gateway/v1/subscriptions", text("channel", "nochan", "kind",
                "TX_STATUS", "contract", "notarization", "url", receiver.url()));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
        assertThat(subscriptionCount()).isZero();
    }

    private void assertErrors(Api.Response response, String... fields) {
        assertProblem(response, 400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
        assertThat(response.json().path("errors")).as(response.toString()).extracting(e -> e.get("field").asText())
                .containsExactly(fields);
    }

    @Test
    @Order(20)
    void every_event_reaches_a_receiver_that_was_down_in_order_with_duplicates_only_under_one_delivery_id() {
        Api.Response tx = alice.post(subscriptions(), Json.of("channel", "main", "kind", "TX_STATUS", "contract",
                "notarization", "url", receiver.url()));
        assertThat(tx.status()).as(tx.toString()).isEqualTo(201);
        txSubscription = tx.json().get("id").asLong();
        firstBlock = tx.json().get("fromBlock").asLong();
        assertThat(tx.json().get("signingAccessKeyId").asText()).isEqualTo(accessKeyId);
        // the application subscribes itself through the gateway, signed with its key
        GatewayClient.Response events = client.post("/gateway/v1/subscriptions", text("channel", "main", "kind",
                "CONTRACT_EVENT", "contract", "notarization", "eventNames", List.of("notarized"), "url",
                receiver.url()));
        assertThat(events.status()).as(events.body()).isEqualTo(201);
        eventSubscription = json(events).get("id").asLong();
        assertThat(json(client.get("/gateway/v1/subscriptions"))).hasSize(2);

        notarize("up-1");
        notarize("up-2");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(acknowledged(txSubscription)).hasSize(2));

        receiver.answer(503);
        notarize("503-1");
        notarize("503-2");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(txSubscription)).anySatisfy(d -> {
            assertThat(d.get("statusCode").asInt()).isEqualTo(503);
            assertThat(d.get("error").asText()).isEqualTo("The receiver answered 503");
            assertThat(d.get("attempt").asInt()).isGreaterThanOrEqualTo(2);
        }));
        // only the status is kept: what a URL answers is not for whoever may subscribe to read
        assertThat(alice.get(subscriptions() + "/" + txSubscription + "/deliveries?limit=500").body())
                .doesNotContain("down for maintenance").doesNotContain("responseExcerpt");
        receiver.stop();
        notarize("gone-1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(txSubscription)).anySatisfy(d -> {
            assertThat(d.get("statusCode").isNull()).isTrue();
            assertThat(d.get("succeeded").asBoolean()).isFalse();
            assertThat(d.get("error").asText()).isNotBlank();
        }));
        JsonNode waiting = subscription(txSubscription);
        assertThat(waiting.get("attempts").asInt()).isPositive();
        assertThat(waiting.get("lastError").asText()).isNotBlank();

        receiver.answer(200);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> receiver.start());
        notarize("back-1");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(acknowledged(txSubscription)).hasSize(committed.size());
            assertThat(acknowledged(eventSubscription)).hasSize(committed.size());
        });
        assertEveryEventInOrder();
    }

    @Test
    @Order(30)
    void a_platform_restart_resumes_delivery_at_the_persisted_cursor() {
        receiver.answer(503);
        notarize("restart-1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(subscription(txSubscription).get("attempts").asInt())
                .isPositive());
        JsonNode before = subscription(txSubscription);
        platform.restart();
        alice = platform.api().login("alice", Fixtures.password("alice"));
        client = GatewayClient.of("http://127.0.0.1:" + platform.port(), accessKeyId, secretKey);
        assertThat(subscription(txSubscription).get("cursor").asText()).isEqualTo(before.get("cursor").asText());
        receiver.answer(200);
        notarize("restart-2");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(acknowledged(txSubscription)).hasSize(committed.size());
            assertThat(acknowledged(eventSubscription)).hasSize(committed.size());
        });
        assertEveryEventInOrder();
        // the receiver has answered before the platform records the acknowledgement
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode after = subscription(txSubscription);
            assertThat(after.get("delivered").asLong()).isEqualTo(committed.size());
            assertThat(after.get("attempts").asInt()).isZero();
        });
    }

    @Test
    @Order(40)
    void a_subscription_from_block_n_replays_every_block_from_n() {
        Api.Response replay = alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url",
                receiver.url(), "fromBlock", firstBlock));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
        long id = replay.json().get("id").asLong();
        long last = notarize("replay-1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(acknowledged(id).stream()
                .map(r -> r.json().get("event").get("number").asLong()).toList()).contains(last));
        List<Long> numbers = acknowledged(id).stream().map(r -> r.json().get("event").get("number").asLong())
                .distinct().toList();
        assertThat(numbers.get(0)).isEqualTo(firstBlock);
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
        }
        assertThat(acknowledged(id).get(0).json().get("position").asText()).isEqualTo(firstBlock + "-0-0");
        assertThat(acknowledged(id).get(0).header("X-Consortia-Event")).isEqualTo("BLOCK");
        assertThat(alice.delete(subscriptions() + "/" + id).status()).isEqualTo(204);
        assertThat(alice.get(subscriptions() + "/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(45)
    void a_destination_is_checked_again_at_every_delivery() {
        Api.Response made = alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url",
                receiver.url()));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        // as if its host now resolved to the metadata service (a name can), or it was made before the check
        platform.bean(JdbcClient.class).sql("update event_subscriptions set url = ? where id = ?")
                .params("http://169.254.169.254/latest/meta-data/", id).update();
        notarize("refused-destination");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(id)).anySatisfy(d -> {
            assertThat(d.get("succeeded").asBoolean()).isFalse();
            assertThat(d.get("statusCode").isNull()).isTrue();
            assertThat(d.get("error").asText()).startsWith("Destination refused: ").contains("link-local");
        }));
        assertThat(subscription(id).get("lastError").asText()).contains("Destination refused");
        assertThat(alice.delete(subscriptions() + "/" + id).status()).isEqualTo(204);
    }

    @Test
    @Order(50)
    void the_gateway_event_stream_resumes_after_the_last_event_id() {
        String path = "/gateway/v1/events/stream?channel=main&kind=TX_STATUS&contract=notarization&fromBlock="
                + firstBlock;
        List<String[]> first = readStream(path, null, 3);
        assertThat(first.stream().map(e -> e[2]).toList()).isEqualTo(committed.subList(0, 3));
        String lastId = first.get(2)[0];
        notarize("stream-1");
        List<String[]> resumed = readStream(path, lastId, committed.size() - 3);
        assertThat(resumed.stream().map(e -> e[2]).toList()).isEqualTo(committed.subList(3, committed.size()));
        assertThat(resumed.get(0)[1]).isEqualTo("TX_STATUS");
        assertThat(resumed.stream().map(e -> e[0]).toList()).doesNotContain(lastId);

        HttpRequest badId = withHeader(client.prepare("GET", path, new byte[0], client.newNonce()), "Last-Event-ID",
                "yesterday");
        GatewayClient.Response refused = client.send(badId);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("detail").asText()).contains("Last-Event-ID");
        GatewayClient.Response outOfScope = client.get("/gateway/v1/events/stream?channel=other&kind=BLOCK");
        assertThat(outOfScope.status()).as(outOfScope.body()).isEqualTo(403);
    }

    @Test
    @Order(60)
    void the_console_lists_subscriptions_with_cursor_and_delivery_history_in_english_and_chinese() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("alice", Fixtures.password("alice"));
            browser.open("/console/organizations/" + org1 + "/applications?lang=en");
            browser.click("#application-shop .events-link");
            String page = "/console/organizations/" + org1 + "/applications/" + application + "/subscriptions";
            browser.waitForPath(page);
            assertThat(browser.find("h1").getText()).contains("Events and webhooks").contains("shop");
            String section = "#subscription-" + txSubscription;
            assertThat(browser.find(section + " h2").getText()).contains("Transaction statuses").contains("main");
            // the deliverer moves the cursor past blocks without matching events in the background, so the page
            // is compared with the API read just after it, and read again until the two agree
            await().atMost(PATIENCE).untilAsserted(() -> {
                browser.open(page + "?lang=en");
                String shown = browser.find(section + " .cursor").getText();
                String delivered = browser.find(section + " .delivered").getText();
                JsonNode now = subscription(txSubscription);
                assertThat(shown).isEqualTo(now.get("cursor").asText());
                assertThat(delivered).isEqualTo(now.get("delivered").asText());
            });
            JsonNode latest = deliveries(txSubscription).get(0);
            assertThat(browser.find(section + " .status").getText()).isEqualTo("Active");
            assertThat(browser.find(section + " table.deliveries").getText())
                    .contains(latest.get("deliveryId").asText()).doesNotContain("thanks");
            browser.screenshot("events-01-subscriptions");

            int before = browser.all("section.subscription").size();
            browser.type("#subscription-url", receiver.url());
            browser.click("#subscription-submit");
            browser.waitFor(Duration.ofSeconds(60), d -> d.findElements(org.openqa.selenium.By.cssSelector(
                    "section.subscription")).size() == before + 1);
            assertThat(alice.get(subscriptions()).json()).hasSize(before + 1);

            browser.open(page + "?lang=zh-CN");
            assertThat(browser.find("h1").getText()).contains("事件与 Webhook");
            assertThat(browser.find(section + " h2").getText()).contains("交易状态");
            assertThat(browser.find(section + " .status").getText()).isEqualTo("有效");
            assertThat(browser.find("#subscription-submit").getText()).isEqualTo("订阅");
            browser.screenshot("events-02-subscriptions-zh");
            browser.open(page + "?lang=en");
            browser.signOut();

            browser.signIn("bob", Fixtures.password("bob"));
            browser.open(page);
            assertThat(browser.find(section + " .cursor").getText()).isNotBlank();
            assertThat(browser.present("#subscription-create")).isFalse();
            assertThat(browser.present(section + " button.delete")).isFalse();
            browser.signOut();
        }
    }

    @Test
    @Order(70)
    void a_channel_the_organisation_left_is_refused_with_403_like_other_scope_refusals() {
        long before = subscriptionCount();
        outOfChannel(() -> {
            Api.Response refused = alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url",
                    receiver.url()));
            assertProblem(refused, 403);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:consortia:problem:forbidden");
            assertThat(refused.json().get("detail").asText()).contains("not a member of channel main");
            GatewayClient.Response viaGateway = client.post("/gateway/v1/subscriptions", text("channel", "main",
                    "kind", "TX_STATUS", "contract", "notarization", "url", receiver.url()));
            assertThat(viaGateway.status()).as(viaGateway.body()).isEqualTo(403);
            assertThat(json(viaGateway).get("type").asText()).isEqualTo("urn:consortia:problem:gateway-out-of-scope");
            GatewayClient.Response stream = client.get("/gateway/v1/events/stream?channel=main&kind=BLOCK");
            assertThat(stream.status()).as(stream.body()).isEqualTo(403);
            assertThat(json(stream).get("type").asText()).isEqualTo("urn:consortia:problem:gateway-out-of-scope");
        });
        assertThat(subscriptionCount()).isEqualTo(before);
    }

    @Test
    @Order(80)
    void a_subscription_the_platform_paused_resumes_by_itself_where_it_stopped_when_the_organisation_is_back() {
        receiver.answer(200);
        Api.Response followed = alice.post(subscriptions(), Json.of("channel", "main", "kind", "TX_STATUS",
                "contract", "notarization", "url", receiver.url()));
        assertThat(followed.status()).as(followed.toString()).isEqualTo(201);
        long followedId = followed.json().get("id").asLong();
        Api.Response held = alice.post(subscriptions(), Json.of("channel", "main", "kind", "BLOCK", "url",
                receiver.url()));
        long heldId = held.json().get("id").asLong();
        assertThat(alice.post(subscriptions() + "/" + heldId + "/pause", "").status()).isEqualTo(200);
        String cursor = subscription(followedId).get("cursor").asText();

        outOfChannel(() -> {
            JsonNode paused = await("the platform pauses it").atMost(PATIENCE)
                    .until(() -> subscription(followedId), s -> s.get("status").asText().equals("PAUSED"));
            assertThat(paused.get("lastError").asText()).startsWith("Paused by the platform: ");
            assertThat(alice.post(subscriptions() + "/" + followedId + "/resume", "").status()).isEqualTo(409);
        });

        // back in the channel: it resumes by itself where it stopped; the one an admin paused stays paused
        JsonNode resumed = await("the platform resumes it").atMost(PATIENCE)
                .until(() -> subscription(followedId), s -> s.get("status").asText().equals("ACTIVE"));
        assertThat(resumed.get("cursor").asText()).isEqualTo(cursor);
        assertThat(resumed.get("pausedBy").isNull()).isTrue();
        notarize("back-in-the-channel");
        String last = committed.get(committed.size() - 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(acknowledged(followedId))
                .extracting(r -> r.json().get("event").get("transactionId").asText()).containsExactly(last));
        JsonNode stillHeld = subscription(heldId);
        assertThat(stillHeld.get("status").asText()).isEqualTo("PAUSED");
        assertThat(stillHeld.get("pausedBy").asText()).isEqualTo("ADMIN");
        assertThat(receiver.of(heldId)).isEmpty();
    }

    /**
     * Runs {@code checks} while org1 is out of channel main, as the platform records a
     * REMOVE_ORGANIZATION applied on chain (the nodes are not asked: the platform decides first).
     */
    private void outOfChannel(Runnable checks) {
        JdbcClient jdbc = platform.bean(JdbcClient.class);
        long channel = jdbc.sql("select id from channels where name = 'main'").query(Long.class).single();
        jdbc.sql("delete from channel_members where channel_id = ? and organization_id = ?").params(channel, org1)
                .update();
        try {
            checks.run();
        } finally {
            jdbc.sql("insert into channel_members (channel_id, organization_id) values (?, ?)").params(channel, org1)
                    .update();
        }
    }

    /**
     * Reads {@code count} events (id, event type, transaction id) from a signed SSE request; fails
     * rather than waiting for ever when they do not come.
     */
    private List<String[]> readStream(String path, String lastEventId, int count) {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(PATIENCE,
                () -> readStreamUntil(path, lastEventId, count));
    }

    private List<String[]> readStreamUntil(String path, String lastEventId, int count) throws Exception {
        HttpRequest request = client.prepare("GET", path, new byte[0], client.newNonce());
        if (lastEventId != null) {
            request = withHeader(request, "Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String[]> events = new ArrayList<>();
        try (InputStream body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            String line;
            while (events.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    JsonNode data = Api.JSON.readTree(line.substring(6));
                    events.add(new String[] {id, type, data.get("transactionId").asText()});
                }
            }
        }
        return events;
    }

    private static HttpRequest withHeader(HttpRequest request, String name, String value) {
        return HttpRequest.newBuilder(request, (n, v) -> true).header(name, value).build();
    }

    /** The requests of a subscription the receiver acknowledged, first of each delivery id only. */
    private List<WebhookReceiver.Received> acknowledged(long subscriptionId) {
        Map<String, WebhookReceiver.Received> first = new LinkedHashMap<>();
        for (WebhookReceiver.Received r : receiver.of(subscriptionId)) {
            if (r.answered() == 200) {
                first.putIfAbsent(r.header("X-Consortia-Delivery"), r);
            }
        }
        return List.copyOf(first.values());
    }

    /**
     * For both subscriptions: every transaction since the subscriptions, once each, in commit order;
     * positions never go back (an event is only sent once the one before was acknowledged); every
     * attempt at one position carries one delivery id, different positions different ids; every
     * signature verifies.
     */
    private void assertEveryEventInOrder() {
        for (long id : List.of(txSubscription, eventSubscription)) {
            List<WebhookReceiver.Received> all = receiver.of(id);
            Map<String, String> idByPosition = new LinkedHashMap<>();
            String previous = null;
            for (WebhookReceiver.Received r : all) {
                JsonNode body = r.json();
                String position = body.get("position").asText();
                if (previous != null) {
                    assertThat(compare(position, previous)).as(previous + " then " + position).isGreaterThanOrEqualTo(0);
                }
                previous = position;
                String deliveryId = r.header("X-Consortia-Delivery");
                assertThat(body.get("deliveryId").asText()).isEqualTo(deliveryId);
                assertThat(idByPosition.computeIfAbsent(position, p -> deliveryId)).isEqualTo(deliveryId);
                assertSigned(r);
            }
            assertThat(idByPosition.values()).doesNotHaveDuplicates();
            List<String> transactions = acknowledged(id).stream()
                    .map(r -> r.json().get("event").get("transactionId").asText()).toList();
            assertThat(transactions).isEqualTo(committed);
        }
        assertThat(acknowledged(eventSubscription)).allSatisfy(r -> {
            assertThat(r.json().get("event").get("name").asText()).isEqualTo("notarized");
            assertThat(r.header("X-Consortia-Event")).isEqualTo("CONTRACT_EVENT");
        });
        assertThat(acknowledged(txSubscription)).allSatisfy(r ->
                assertThat(r.json().get("event").get("code").asText()).isEqualTo("VALID"));
    }

    private static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Verifies a webhook as docs/gateway-signing.md tells receivers to, with nothing but the JDK. */
    private void assertSigned(WebhookReceiver.Received r) {
        String header = r.header("X-Consortia-Signature");
        assertThat(header).startsWith("CONSORTIA-WEBHOOK-HMAC-SHA256 Credential=" + accessKeyId + ", Signature=");
        String signature = header.substring(header.indexOf("Signature=") + 10);
        String date = r.header("X-Consortia-Date");
        Instant signedAt = Instant.from(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).parse(date));
        assertThat(Duration.between(signedAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
        try {
            String bodyHash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(r.body()));
            String toSign = "CONSORTIA-WEBHOOK-HMAC-SHA256\n" + date + "\n" + r.header("X-Consortia-Delivery") + "\n"
                    + bodyHash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(signature).isEqualTo(HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
