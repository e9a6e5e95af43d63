package io.consortia.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.common.Processes;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Prometheus rules and Grafana dashboards under deploy/ read is exported: by a
 * real node (two in-process nodes of the testkit with Ratis and RocksDB, after committing
 * transactions, scraped at /metrics) or by the real platform (its jar started as a process,
 * scraped at /actuator/prometheus). A made-up name in a rule is reported, so the check can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringAssetsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private MiniNetwork network;
    private Process platform;
    private Set<String> exported;

    @BeforeAll
    void scrapeANetworkAndThePlatform() throws Exception {
        Path jar = Path.of(System.getProperty("consortia.platform.jar", "../platform/target/consortia-platform.jar"));
        assertThat(jar).as("the platform's jar (module platform, package phase)").isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path platformDir = Files.createDirectories(dir.resolve("platform"));
        platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--consortia.data-dir=" + platformDir.resolve("data"),
                "--consortia.initial-admin-password=monitoring-" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4}),
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(platformDir.resolve("platform.log").toFile()).start();

        network = MiniNetwork.builder().organizations(2).nodesPerOrganization(1).channel("main").start();
        Channel channel = network.gateway(0).channel("main");
        for (int i = 0; i < 3; i++) {
            String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("monitoring " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            SubmitResponse committed = channel.submitAll(List.of(channel.newTransaction("notarization", "record",
                    hash, "monitoring")), true).get(0);
            assertThat(committed.getCode()).isEqualTo(ValidationCode.VALID);
            network.awaitHeight(committed.getBlockNumber() + 1);
        }
        // a client that sends a committed transaction again: refused at admission, which the
        // rejected counter shows (it has no series before its first rejection); the SDK answers
        // such a duplicate with the first copy's outcome
        io.consortia.protocol.v1.Transaction again = channel.newTransaction("notarization", "record",
                "ab".repeat(32), "monitoring");
        SubmitResponse original = channel.submitAll(List.of(again), true).get(0);
        assertThat(original.getCode()).isEqualTo(ValidationCode.VALID);
        SubmitResponse replayed = channel.submitAll(List.of(again), true).get(0);
        assertThat(replayed.getBlockNumber()).as(replayed.toString()).isEqualTo(original.getBlockNumber());

        Set<String> names = new TreeSet<>();
        for (MiniNode node : network.nodes()) {
            names.addAll(Exposition.names(get("http://127.0.0.1:" + node.metricsPort() + "/metrics")));
        }
        String platformUrl = "http://127.0.0.1:" + port;
        Awaitility.await("the platform serves").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(platform.isAlive()).as("platform process; log in " + platformDir).isTrue();
                    return status(platformUrl + "/actuator/health") == 200;
                });
        // a consortium, so that its organisation's certificates (issued when it joins) are in the expiry gauge
        String admin = login(platformUrl, "admin", "monitoring-" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4}));
        long org = post(platformUrl + "/api/v1/organizations", admin, "{\"name\":\"watched\"}").get("id").asLong();
        post(platformUrl + "/api/v1/organizations/" + org + "/members", admin,
                "{\"username\":\"wang\",\"password\":\"watching-certificates\",\"role\":\"ADMIN\"}");
        post(platformUrl + "/api/v1/consortia", login(platformUrl, "wang", "watching-certificates"),
                "{\"name\":\"Watched\",\"signatureScheme\":\"ECDSA_P256\",\"nodesPerOrganization\":1}");
        // the request metrics exist once a request has completed (the health checks above); the certificates'
        // expiry once the platform has read them again after the consortium was made
        AtomicReference<String> scrape = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            scrape.set(get(platformUrl + "/actuator/prometheus"));
            assertThat(scrape.get()).contains("http_server_requests_seconds_count")
                    .contains("consortia_platform_certificate_expiry_seconds{");
        });
        names.addAll(Exposition.names(scrape.get()));
        exported = names;
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            Processes.stop(platform.toHandle(), Duration.ofSeconds(30));
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void everyMetricTheRulesAndDashboardsReadIsExportedByANodeOrThePlatform() {
        List<MonitoringAssets.Expression> expressions = MonitoringAssets.load(Path.of("."));
        assertThat(expressions).hasSizeGreaterThan(30);

        Map<String, Set<String>> missing = MonitoringAssets.notExported(expressions, exported);

        assertThat(missing).as("metrics read by deploy/prometheus and deploy/grafana that nothing exports "
                + "(exported: %s)", exported).isEmpty();
        // what the rules need most is really there, not only declared
        assertThat(exported).contains("consortia_block_height", "consortia_transactions_committed_total",
                "consortia_transactions_rejected_total",
                "consortia_commit_latency_seconds_bucket", "consortia_raft_leader_changes_total",
                "consortia_platform_node_restarts", "consortia_platform_certificate_expiry_seconds", "disk_free_bytes",
                "disk_total_bytes");
    }

    @Test
    void aMadeUpMetricInARuleIsReported() throws IOException {
        Path rules = dir.resolve("made-up");
        Files.createDirectories(rules.resolve("prometheus"));
        Files.createDirectories(rules.resolve("grafana"));
        Files.writeString(rules.resolve("prometheus").resolve("bad-rules.yaml"), """
                groups:
                  - name: bad
                    rules:
                      - alert: BlocksTooSlow
                        expr: rate(consortia_block_height_made_up_total[5m]) < 1 and consortia_block_height > 0
                """);

        Map<String, Set<String>> missing = MonitoringAssets.notExported(MonitoringAssets.load(rules), exported);

        assertThat(missing).containsExactly(Map.entry("bad-rules.yaml BlocksTooSlow",
                Set.of("consortia_block_height_made_up_total")));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String login(String platformUrl, String username, String password) throws Exception {
        return post(platformUrl + "/api/v1/auth/login", null, JSON.writeValueAsString(java.util.Map.of("username",
                username, "password", password))).get("token").asText();
    }

    private static JsonNode post(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
