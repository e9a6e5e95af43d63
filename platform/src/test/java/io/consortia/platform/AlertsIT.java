package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.consortia.platform.alert.WebhookSignature;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts on a real local network: a node whose process dies raises "node down", delivered to a
 * webhook receiver (the JDK's HTTP server, refusing the first attempt so the retry shows) and to
 * a real SMTP server (GreenMail, with SMTP AUTH); it is acknowledged, and restarting the node
 * resolves it, which is notified too. Bad input is refused with problem JSON and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class AlertsIT {
    private static final Duration NETWORK_TIMEOUT = Duration.ofMinutes(3);
    private static final String SMTP_PASSWORD = "smtp-password-never-logged-42";
    private final List<Received> webhooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger webhookCalls = new AtomicInteger();
    private GreenMail smtp;
    private HttpServer receiver;
    private PlatformRunner platform;
    private Api admin;
    private Api aAdmin;
    private Api aMember;
    private long consortium;
    private String webhookSecret;

    /** One request the webhook receiver accepted. */
    record Received(Map<String, List<String>> headers, String body, JsonNode json) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    void start() throws IOException {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.setUser("alerts@consortia.test", "alerts", SMTP_PASSWORD);
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the very first call is refused: the platform must retry with the same delivery id
            int status = webhookCalls.incrementAndGet() == 1 ? 503 : 200;
            if (status == 200) {
                String text = new String(body, StandardCharsets.UTF_8);
                webhooks.add(new Received(Map.copyOf(exchange.getRequestHeaders()), text, Api.JSON.readTree(text)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // an address only the platform reaches, answering something its caller must not read
        receiver.createContext("/internal", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] reply = "internal-only: db password hunter2".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(405, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        receiver.start();
        platform = new PlatformRunner(TestDatabase.H2)
                .with("consortia.alerts.interval", "1s")
                .with("consortia.alerts.webhook.backoff", "300ms")
                .with("consortia.alerts.mail.host", "127.0.0.1")
                .with("consortia.alerts.mail.port", smtp.getSmtp().getPort())
                .with("consortia.alerts.mail.tls", "NONE")
                .with("consortia.alerts.mail.from", "alerts@consortia.test")
                .with("consortia.alerts.mail.user", "alerts")
                .with("consortia.alerts.mail.password", SMTP_PASSWORD)
                // a killed node stays down (FAILED) instead of being restarted at once
                .with("consortia.node.max-restarts", "0")
                .start();
        admin = platform.admin();
        long orgA = Fixtures.organization(admin, "alert-a");
        aAdmin = Fixtures.member(admin, orgA, "a-admin", "ADMIN");
        aMember = Fixtures.member(aAdmin, orgA, "a-member", "MEMBER");
        consortium = Fixtures.consortium(aAdmin, "Alerted Alliance");
        Api.Response deploy = aAdmin.post(base() + "/network/deploy", "{}");
        assertThat(deploy.status()).as(deploy.toString()).isEqualTo(202);
        JsonNode deployed = Waits.deployment(aAdmin, deploy.json().get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private String base() {
        return "/api/v1/consortia/" + consortium;
    }

    @Test
    @Order(1)
    void the_consortium_gets_the_default_rules_once() {
        JsonNode rules = await("default rules").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> aMember.get(base() + "/alert-rules").json(), r -> r.size() == 8);
        List<String> kinds = new ArrayList<>();
        rules.forEach(r -> kinds.add(r.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("NODE_DOWN", "HEIGHT_LAG", "NO_BLOCKS", "DISK_USAGE",
                "CERTIFICATE_EXPIRY", "LEADER_CHANGES", "DEPLOYMENT_FAILED", "NO_LEADER");
        JsonNode expiry = rule(rules, "CERTIFICATE_EXPIRY");
        assertThat(expiry.get("threshold").asLong()).isEqualTo(30);
        // "one click" adds nothing the consortium already has
        assertThat(aAdmin.post(base() + "/alert-rules/defaults", "").json().size()).isEqualTo(8);
    }

    @Test
    @Order(2)
    void bad_input_is_refused_with_problem_json_and_creates_nothing() {
        int rules = aAdmin.get(base() + "/alert-rules").json().size();
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("threshold", 5)), 400, "kind is required");
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "BOGUS")), 400, null);
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "HEIGHT_LAG", "threshold", 0)), 400,
                "threshold of a HEIGHT_LAG rule must be 1 to");
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "NODE_DOWN", "threshold", 3)), 400,
                "have no threshold");
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "NO_BLOCKS", "windowSeconds", 5)), 400,
                "windowSeconds of a NO_BLOCKS rule must be 60 to");
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "NODE_DOWN", "forSeconds", -1)), 400,
                "forSeconds must be 0 to 86400");
        assertProblem(aMember.post(base() + "/alert-rules", Json.of("kind", "NODE_DOWN")), 403,
                "Only an admin of a member organisation");
        assertProblem(aAdmin.post(base() + "/alert-rules/defaults", Json.of("kind", "NODE_DOWN")), 400,
                "takes no body");
        // a tester's "Add rule" with the form as it was made a second Node down rule: every alert twice
        long nodeDown = rule(aAdmin.get(base() + "/alert-rules").json(), "NODE_DOWN").get("id").asLong();
        assertProblem(aAdmin.post(base() + "/alert-rules", Json.of("kind", "NODE_DOWN")), 409,
                "Rule " + nodeDown + " is already a NODE_DOWN rule with these settings");
        assertThat(aAdmin.get(base() + "/alert-rules").json().size()).isEqualTo(rules);

        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK",
                "url", "ftp://example.org/hook")), 400, "http or https");
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK")), 400,
                "url is required");
        // the cloud metadata service and other link-local addresses never receive webhooks (docs/events.md)
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK",
                "url", "http://169.254.169.254/latest/meta-data/")), 400, "link-local");
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK",
                "url", "http://[fe80::1]:8080/hook")), 400, "link-local");
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "EMAIL",
                "recipients", List.of("not-an-address"))), 400, "is not an e-mail address");
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "", "type", "EMAIL",
                "recipients", List.of("ops@consortia.test"))), 400, "name must be");
        assertProblem(aAdmin.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK",
                "url", "http://127.0.0.1/hook", "secret", "short")), 400, "secret must be 16 to 200");
        assertProblem(aMember.post(base() + "/notification-channels", Json.of("name", "x", "type", "WEBHOOK",
                "url", "http://127.0.0.1/hook")), 403, null);
        assertThat(aAdmin.get(base() + "/notification-channels").json().size()).isZero();
        assertProblem(aAdmin.get(base() + "/alerts?status=SLEEPING"), 400, "status must be");
        assertProblem(aAdmin.post(base() + "/alerts/999999/acknowledge", ""), 404, null);
    }

    @Test
    @Order(3)
    void a_dead_node_raises_node_down_delivered_by_webhook_and_email_and_its_restart_resolves_it() throws Exception {
        JsonNode nodeDown = rule(aAdmin.get(base() + "/alert-rules").json(), "NODE_DOWN");
        Api.Response updated = aAdmin.put(base() + "/alert-rules/" + nodeDown.get("id").asLong(),
                Json.of("forSeconds", 2));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("forSeconds").asLong()).isEqualTo(2);

        // a name in Chinese: a tester's "运维通知" was refused though the message said "letters"
        Api.Response hook = aAdmin.post(base() + "/notification-channels", Json.of("name", "运维 webhook",
                "type", "WEBHOOK", "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        webhookSecret = hook.json().get("secret").asText();
        assertThat(webhookSecret).startsWith("whsec_");
        Api.Response mail = aAdmin.post(base() + "/notification-channels", Json.of("name", "ops mail",
                "type", "EMAIL", "recipients", List.of("ops@consortia.test", "oncall@consortia.test")));
        assertThat(mail.status()).as(mail.toString()).isEqualTo(201);
        assertThat(mail.json().path("secret").asText(null)).as("no secret for e-mail").isNull();
        Api.Response internal = aAdmin.post(base() + "/notification-channels", Json.of("name", "internal",
                "type", "WEBHOOK", "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/internal"));
        assertThat(internal.status()).as(internal.toString()).isEqualTo(201);
        String internalChannel = base() + "/notification-channels/"
                + internal.json().get("channel").get("id").asLong();
        Api.Response tested = aAdmin.post(internalChannel + "/test", "");
        assertThat(tested.status()).as(tested.toString()).isEqualTo(502);
        assertThat(tested.json().get("detail").asText()).contains("HTTP 405").doesNotContain("hunter2", "internal-only");
        assertThat(aAdmin.delete(internalChannel).status()).isEqualTo(204);
        String listed = aMember.get(base() + "/notification-channels").body();
        assertThat(listed).contains("运维 webhook", "ops mail").doesNotContain(webhookSecret).doesNotContain("secret");

        JsonNode node = aAdmin.get(base() + "/nodes").json().get(0);
        String nodeId = node.get("nodeId").asText();
        ProcessHandle.of(node.get("pid").asLong()).orElseThrow().destroyForcibly();

        JsonNode opened = await("node down opens").atMost(NETWORK_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> nodeDownAlert(nodeId), a -> a != null);
        long alertId = opened.get("id").asLong();
        assertThat(opened.get("status").asText()).isEqualTo("OPEN");
        assertThat(opened.get("severity").asText()).isEqualTo("CRITICAL");
        // whichever probe sees it first: the deployer's process check (FAILED) or the metrics port (on a
        // loaded machine the scrape can come first)
        assertThat(opened.get("summary").asText()).contains(nodeId).containsAnyOf("FAILED", "does not answer");

        Received openedHook = awaitWebhook(alertId, "OPENED");
        assertThat(openedHook.json().get("consortium").get("name").asText()).isEqualTo("Alerted Alliance");
        assertThat(openedHook.json().get("alert").get("kind").asText()).isEqualTo("NODE_DOWN");
        assertThat(openedHook.json().get("alert").get("target").asText()).isEqualTo("node " + nodeId);
        MimeMessage openedMail = awaitMail("CRITICAL: NODE_DOWN node " + nodeId);
        assertThat(Arrays.stream(openedMail.getAllRecipients()).map(Object::toString))
                .containsExactlyInAnyOrder("ops@consortia.test", "oncall@consortia.test");
        assertThat(openedMail.getFrom()[0].toString()).isEqualTo("alerts@consortia.test");
        assertThat(((String) openedMail.getContent())).contains("Alerted Alliance").contains("is down");

        // the refused first attempt was retried under the same delivery id
        JsonNode openedDelivery = await("webhook delivery recorded").atMost(Duration.ofMinutes(1))
                .until(() -> delivery(alertId, "OPENED", "运维 webhook"), d -> d != null
                        && "DELIVERED".equals(d.get("status").asText()));
        assertThat(openedDelivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(openedDelivery.get("deliveryId").asText()).isEqualTo(openedHook.header("X-Consortia-Delivery"));
        assertThat(openedDelivery.get("outcome").asText()).startsWith("HTTP 200");

        assertProblem(aMember.post(base() + "/alerts/" + alertId + "/acknowledge", ""), 403, null);
        Api.Response acknowledged = aAdmin.post(base() + "/alerts/" + alertId + "/acknowledge", "");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.json().get("acknowledgedBy").asText()).isEqualTo("a-admin");
        assertProblem(aAdmin.post(base() + "/alerts/" + alertId + "/acknowledge", ""), 409, "ACKNOWLEDGED");

        Api.Response restart = aAdmin.post("/api/v1/nodes/" + nodeId + "/restart", "");
        assertThat(restart.status()).as(restart.toString()).isEqualTo(202);
        JsonNode restarted = Waits.deployment(aAdmin, restart.json().get("id").asLong());
        assertThat(restarted.get("status").asText()).as(restarted.toString()).isEqualTo("SUCCEEDED");

        JsonNode resolved = await("node down resolves").atMost(NETWORK_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> alert(alertId), a -> "RESOLVED".equals(a.get("status").asText()));
        assertThat(resolved.get("resolution").asText()).isEqualTo("The condition cleared");
        // not while the node was stopped and started again: once it served
        long serving = stepStartedAt(restarted, "Wait for " + nodeId + " to serve");
        assertThat(resolved.get("resolvedAt").asLong()).as("resolved after the wait for serving began")
                .isGreaterThan(serving);
        assertThat(resolved.get("acknowledgedBy").asText()).isEqualTo("a-admin");
        Received resolvedHook = awaitWebhook(alertId, "RESOLVED");
        assertThat(resolvedHook.json().get("alert").get("status").asText()).isEqualTo("RESOLVED");
        awaitMail("Resolved: NODE_DOWN node " + nodeId);
        await("all four deliveries delivered").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode deliveries = aMember.get(base() + "/alert-deliveries?alertId=" + alertId).json();
            assertThat(deliveries.size()).isEqualTo(4);
            deliveries.forEach(d -> assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("DELIVERED"));
        });
        assertThat(aMember.get(base() + "/alerts?status=RESOLVED").body()).contains("\"id\":" + alertId);
        assertThat(nodeDownAlert(nodeId)).as("no new alert for the running node").isNull();
    }

    @Test
    @Order(4)
    void secrets_stay_out_of_the_log() throws IOException {
        String log = Files.readString(platform.logFile());
        assertThat(log).contains("Alert").doesNotContain(SMTP_PASSWORD).doesNotContain(webhookSecret);
    }

    /** Every webhook the receiver accepted is signed with the channel's secret over timestamp and body. */
    private Received awaitWebhook(long alertId, String event) {
        Received received = await("webhook " + event).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> webhooks.stream().filter(r -> r.json().get("alert").get("id").asLong() == alertId
                        && event.equals(r.json().get("event").asText())).findFirst().orElse(null), r -> r != null);
        long timestamp = Long.parseLong(received.header(WebhookSignature.TIMESTAMP_HEADER));
        assertThat(received.header(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo(WebhookSignature.sign(webhookSecret, timestamp, received.body()));
        assertThat(received.header(WebhookSignature.EVENT_HEADER)).isEqualTo(event);
        assertThat(received.json().get("deliveryId").asText()).isEqualTo(received.header(WebhookSignature.DELIVERY_HEADER));
        return received;
    }

    private MimeMessage awaitMail(String subject) {
        return await("e-mail " + subject).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getSubject().contains(subject);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
    }

    private static long stepStartedAt(JsonNode deployment, String step) {
        for (JsonNode s : deployment.get("steps")) {
            if (step.equals(s.get("name").asText())) {
                return s.get("startedAt").asLong();
            }
        }
        throw new AssertionError("no step '" + step + "' in " + deployment);
    }

    private JsonNode nodeDownAlert(String nodeId) {
        for (JsonNode a : aMember.get(base() + "/alerts").json()) {
            if ("NODE_DOWN".equals(a.get("kind").asText()) && ("node " + nodeId).equals(a.get("target").asText())
                    && !"RESOLVED".equals(a.get("status").asText())) {
                return a;
            }
        }
        return null;
    }

    private JsonNode alert(long id) {
        for (JsonNode a : aMember.get(base() + "/alerts").json()) {
            if (a.get("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("alert " + id + " is gone");
    }

    private JsonNode delivery(long alertId, String event, String channel) {
        for (JsonNode d : aMember.get(base() + "/alert-deliveries?alertId=" + alertId).json()) {
            if (event.equals(d.get("event").asText()) && channel.equals(d.get("channelName").asText())) {
                return d;
            }
        }
        return null;
    }

    private static JsonNode rule(JsonNode rules, String kind) {
        for (JsonNode r : rules) {
            if (kind.equals(r.get("kind").asText())) {
                return r;
            }
        }
        throw new AssertionError("no " + kind + " rule in " + rules);
    }

    private static void assertProblem(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (detail != null) {
            assertThat(response.json().get("detail").asText()).contains(detail);
        }
    }
}
