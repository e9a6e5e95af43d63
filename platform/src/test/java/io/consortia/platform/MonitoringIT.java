package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/**
 * Monitoring on a real local network (one organisation, two node processes, channel main), the
 * platform scraping every second: after notarizations the channel's and the nodes' series show
 * the height rising and tx/s above zero, with CPU, memory and disk; the nodes' logs are searched
 * by time and text; the Monitoring and Logs tabs draw and find the same in Chromium, in English
 * and Chinese; a stopped network's nodes are sampled up=false. Outsiders see none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class MonitoringIT {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private PlatformRunner platform;
    private Api alice;
    private Api outsider;
    private long consortium;
    private final Instant started = Instant.now();

    @BeforeAll
    void startNetwork() {
        // a port block of its own: other platforms on this machine hand out ports from 21000 upwards, and two
        // allocators that both find a port free before either node binds it would share it
        int ports = 23000 + 100 * java.util.concurrent.ThreadLocalRandom.current().nextInt(60);
        platform = new PlatformRunner(TestDatabase.H2).with("consortia.monitoring.scrape-interval", "1s")
                .with("consortia.node.port-range-start", ports).with("consortia.node.port-range-end", ports + 99)
                .start();
        Api admin = platform.admin();
        long org1 = Fixtures.organization(admin, "org1");
        long org2 = Fixtures.organization(admin, "org2");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        outsider = Fixtures.member(admin, org2, "olga", "ADMIN");
        Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "Watched Alliance",
                "signatureScheme", "ECDSA_P256", "nodesPerOrganization", 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        consortium = created.json().get("id").asLong();
        Api.Response deployed = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(202);
        assertThat(Waits.deployment(alice, deployed.json().get("id").asLong()).get("status").asText())
                .isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private String monitoring() {
        return "/api/v1/consortia/" + consortium + "/monitoring";
    }

    private static List<Double> line(JsonNode series, String metric, String line) {
        List<Double> values = new ArrayList<>();
        JsonNode points = series.path("series").path("metrics").path(metric).path(line);
        points.forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
        return values;
    }

    private static List<Double> present(List<Double> values) {
        return values.stream().filter(v -> v != null).toList();
    }

    @Test
    @Order(1)
    void after_transactions_the_series_show_the_height_rising_and_transactions_per_second() {
        JsonNode overview = await("both nodes scraped").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> alice.get(monitoring()).json(), o -> o.get("nodes").size() == 2
                        && o.get("channels").toString().contains("main")
                        && !o.get("nodes").get(0).get("latest").isNull() && !o.get("nodes").get(1).get("latest").isNull());
        assertThat(overview.get("scraping").asBoolean()).isTrue();
        assertThat(overview.get("scrapeIntervalSeconds").asLong()).isEqualTo(1);
        assertThat(overview.get("retentionMinutes").asLong()).isEqualTo(1440); // what the database keeps
        assertThat(overview.get("persistedStepSeconds").asLong()).isEqualTo(60);
        String firstNode = overview.get("nodes").get(0).get("nodeId").asText();
        String secondNode = overview.get("nodes").get(1).get("nodeId").asText();

        // spread over several scrapes, so that at least one interval holds commits
        for (int i = 0; i < 6; i++) {
            Api.Response notarized = alice.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                    Json.of("documentHash", Hashes.hex(Hashes.sha256().digest(("doc-" + i).getBytes(StandardCharsets.UTF_8))),
                            "metadata", "monitoring " + i));
            assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        }

        JsonNode channel = await("tx/s above zero and a rising height on main").atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get(monitoring() + "/channels/main?minutes=15").json(), c -> {
                    List<Double> tps = present(line(c, "txPerSecond", "main"));
                    List<Double> height = present(line(c, "height", firstNode));
                    return tps.stream().anyMatch(v -> v > 0) && height.size() >= 2
                            && height.get(height.size() - 1) > height.get(0);
                });
        assertThat(channel.get("channel").asText()).isEqualTo("main");
        assertThat(channel.get("nodes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(firstNode, secondNode);
        assertThat(channel.get("series").get("times").size()).isEqualTo(channel.get("series").get("up").size());
        // the second node may be a block behind in any one round, but it reaches the same height
        await("the second node's height follows").atMost(WAIT).untilAsserted(() -> {
            JsonNode again = alice.get(monitoring() + "/channels/main?minutes=15").json();
            List<Double> first = present(line(again, "height", firstNode));
            List<Double> second = present(line(again, "height", secondNode));
            assertThat(second.get(second.size() - 1)).isEqualTo(first.get(first.size() - 1));
        });

        JsonNode node = await("a node's series with resources and rates").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get(monitoring() + "/nodes/" + firstNode + "?minutes=5").json(),
                        n -> !present(line(n, "cpuCores", firstNode)).isEmpty()
                                && present(line(n, "txPerSecond", "main")).stream().anyMatch(v -> v > 0));
        assertThat(node.get("nodeId").asText()).isEqualTo(firstNode);
        assertThat(present(line(node, "rssBytes", firstNode))).isNotEmpty().allSatisfy(v -> assertThat(v).isGreaterThan(1e6));
        // empty while the node was starting, its ledgers' files since
        List<Double> disk = present(line(node, "diskUsedBytes", firstNode));
        assertThat(disk).isNotEmpty().allSatisfy(v -> assertThat(v).isNotNegative());
        assertThat(disk.get(disk.size() - 1)).isPositive();
        assertThat(present(line(node, "diskFreeBytes", firstNode))).isNotEmpty().allSatisfy(v -> assertThat(v).isPositive());
        assertThat(present(line(node, "height", "main"))).isNotEmpty();
        JsonNode up = node.get("series").get("up"); // the first rounds may have found the nodes still starting
        assertThat(up.get(up.size() - 1).asInt()).isEqualTo(1);

        // the platform's own metrics stay available to a real Prometheus
        Api.Response prometheus = platform.api().get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("consortia_platform_nodes")
                .contains("consortia_platform_node_up{consortium=\"" + consortium + "\",node=\"" + firstNode + "\"} 1.0");
        // the disk alerts watch the data directory, which holds the ledgers, not the working directory
        assertThat(prometheus.body()).contains("disk_free_bytes{path=\"" + platform.dataDir() + "\"}")
                .doesNotContain("disk_free_bytes{path=\"" + Path.of(".").toAbsolutePath() + "\"}");
        // certificate expiry beside disks and nodes, for one alert rule across consortia (read once a minute)
        await("the node certificate's expiry in the platform's metrics").atMost(WAIT).untilAsserted(() -> {
            String expiry = platform.api().get("/actuator/prometheus").body().lines()
                    .filter(l -> l.startsWith("consortia_platform_certificate_expiry_seconds{")
                            && l.contains("role=\"NODE\"") && l.contains("subject=\"" + firstNode + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no expiry of " + firstNode + "'s certificate"));
            assertThat(expiry).contains("consortium=\"" + consortium + "\"");
            assertThat(Double.parseDouble(expiry.substring(expiry.lastIndexOf(' ') + 1)))
                    .isBetween(Duration.ofDays(1).toSeconds() * 1.0, Duration.ofDays(20 * 366).toSeconds() * 1.0);
        });
    }

    @Test
    @Order(2)
    void only_the_consortiums_members_see_its_series_and_bad_windows_are_refused() {
        assertThat(outsider.get(monitoring()).status()).isEqualTo(404);
        assertThat(outsider.get(monitoring() + "/channels/main").status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/consortia/" + consortium + "/logs?q=started").status()).isEqualTo(404);

        Api.Response tooLong = alice.get(monitoring() + "/channels/main?minutes=100000");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().get("detail").asText()).contains("minutes must be between 1 and 1440");
        assertThat(alice.get(monitoring() + "/channels/nosuch").status()).isEqualTo(404);
        assertThat(alice.get(monitoring() + "/nodes/nosuch").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void the_nodes_logs_are_searched_by_time_and_text() {
        String from = started.minusSeconds(60).toString();
        String to = Instant.now().plusSeconds(60).toString();
        JsonNode found = alice.get("/api/v1/consortia/" + consortium + "/logs?q=STARTED&from=" + from + "&to=" + to)
                .json();
        assertThat(found.get("nodes")).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("error").isNull()).as(n.toString()).isTrue();
            assertThat(n.get("entries").asInt()).isPositive();
        });
        assertThat(found.get("hits")).isNotEmpty().allSatisfy(h -> {
            assertThat(h.get("text").asText().toLowerCase()).contains("started");
            Instant at = Instant.parse(h.get("at").asText());
            assertThat(at).isAfterOrEqualTo(Instant.parse(from)).isBefore(Instant.parse(to));
        });
        List<String> nodes = new ArrayList<>();
        found.get("hits").forEach(h -> nodes.add(h.get("nodeId").asText()));
        assertThat(nodes.stream().distinct().count()).isEqualTo(2);
        List<Instant> times = new ArrayList<>();
        found.get("hits").forEach(h -> times.add(Instant.parse(h.get("at").asText())));
        assertThat(times).isSorted();

        String oneNode = found.get("hits").get(0).get("nodeId").asText();
        JsonNode onlyOne = alice.get("/api/v1/consortia/" + consortium + "/logs?q=started&node=" + oneNode).json();
        assertThat(onlyOne.get("hits")).isNotEmpty().allSatisfy(h -> assertThat(h.get("nodeId").asText()).isEqualTo(oneNode));

        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/logs?q=started&from=" + future).json().get("hits"))
                .isEmpty();
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/logs?q="
                + URLEncoder.encode("no such text anywhere", StandardCharsets.UTF_8)).json().get("hits")).isEmpty();
        JsonNode limited = alice.get("/api/v1/consortia/" + consortium + "/logs?limit=1").json();
        assertThat(limited.get("hits")).hasSize(1);
        assertThat(limited.get("truncated").asBoolean()).isTrue();

        Api.Response backwards = alice.get("/api/v1/consortia/" + consortium + "/logs?from=" + to + "&to=" + from);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").asText()).contains("must be before");
        Api.Response badTime = alice.get("/api/v1/consortia/" + consortium + "/logs?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asText()).contains("ISO-8601");
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/logs?q=" + "x".repeat(201)).status()).isEqualTo(400);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/logs?node=nosuch").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void the_console_draws_the_charts_and_searches_the_logs_in_english_and_chinese() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("alice", Fixtures.password("alice"));
            browser.open("/console/consortia/" + consortium + "/monitoring?minutes=15");
            assertThat(browser.find("#tab-monitoring").getText()).isEqualTo("Monitoring");
            assertThat(browser.all("#monitoring-nodes tr[data-node] .node-up")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.getText()).isEqualTo("UP"));
            browser.waitFor(WAIT, d -> "2".equals(browser.attribute(
                    "#channel-charts figure[data-metric=height]", "data-lines")));
            browser.waitFor(WAIT, d -> "1".equals(browser.attribute(
                    "#channel-charts figure[data-metric=txPerSecond]", "data-lines")));
            // one line per node (a line may be cut where its node was not answering yet)
            assertThat(browser.script("return new Set(Array.from(document.querySelectorAll("
                    + "'#channel-charts figure[data-metric=height] svg .series')).map(e => e.dataset.line)).size;"))
                    .isEqualTo(2L);
            browser.waitFor(WAIT, d -> "1".equals(browser.attribute("#node-charts figure[data-metric=cpuCores]",
                    "data-lines")));
            assertThat(Double.parseDouble(browser.attribute("#node-charts figure[data-metric=rssBytes]", "data-last")))
                    .isGreaterThan(1e6);
            assertThat(browser.find("#channel-charts figure[data-metric=height] figcaption").getText()).contains("-org1-");
            browser.screenshot("monitoring-01-charts");

            browser.click("#lang-zh");
            browser.waitFor(WAIT, d -> browser.find("#tab-monitoring").getText().equals("监控"));
            browser.waitFor(WAIT, d -> "2".equals(browser.attribute(
                    "#channel-charts figure[data-metric=height]", "data-lines")));
            assertThat(browser.find("#channel-charts h3").getText()).isEqualTo("区块高度");
            browser.screenshot("monitoring-02-charts-zh");

            browser.click("#tab-logs");
            browser.waitForPath("/console/consortia/" + consortium + "/logs");
            assertThat(browser.find("#log-search-go").getText()).isEqualTo("搜索");
            browser.type("#log-search-q", "started");
            browser.click("#log-search-go");
            browser.waitFor(WAIT, d -> browser.path().contains("q=started"));
            assertThat(browser.find("#log-search-summary").getText()).contains("匹配");
            assertThat(browser.all("#log-search-hits tbody tr")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getText().toLowerCase()).contains("started"));
            browser.screenshot("monitoring-03-logs-zh");
            browser.click("#lang-en");
            browser.waitFor(WAIT, d -> browser.find("#tab-logs").getText().equals("Logs"));
        }
    }

    @Test
    @Order(5)
    void a_stopped_nodes_samples_say_up_false() {
        Api.Response stopped = alice.post("/api/v1/consortia/" + consortium + "/network/stop", "{}");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(202);
        assertThat(Waits.deployment(alice, stopped.json().get("id").asLong()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        Instant afterStop = Instant.now();
        JsonNode overview = await("both nodes sampled down").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> alice.get(monitoring()).json(), o -> {
                    for (JsonNode n : o.get("nodes")) {
                        JsonNode latest = n.get("latest");
                        if (latest.get("up").asBoolean() || Instant.parse(latest.get("at").asText()).isBefore(afterStop)) {
                            return false;
                        }
                    }
                    return true;
                });
        await("the platform's own metrics say down").atMost(WAIT).untilAsserted(() -> assertThat(
                platform.api().get("/actuator/prometheus").body()).contains("consortia_platform_node_up{consortium=\""
                + consortium + "\",node=\"" + overview.get("nodes").get(0).get("nodeId").asText() + "\"} 0.0"));
        JsonNode latest = overview.get("nodes").get(0).get("latest");
        assertThat(latest.get("heights")).isEmpty();
        assertThat(latest.get("cpuSeconds").isNull()).isTrue();

        String node = overview.get("nodes").get(0).get("nodeId").asText();
        JsonNode series = alice.get(monitoring() + "/nodes/" + node + "?minutes=15").json();
        JsonNode up = series.get("series").get("up");
        assertThat(up.get(up.size() - 1).asInt()).isZero();
        assertThat(up).anySatisfy(u -> assertThat(u.asInt()).isEqualTo(1)); // it was up before
        List<Double> heights = line(series, "height", "main");
        assertThat(heights.get(heights.size() - 1)).isNull(); // a gap, not a drop to zero
    }
}
