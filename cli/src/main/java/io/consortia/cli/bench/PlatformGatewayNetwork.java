package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.common.Poll;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A network deployed by the platform for {@code bench --gateway}: a consortium of N organisations
 * with one node each (local deployer), channel {@code main}, and per organisation an application
 * with an access key scoped to {@code notarization.record} on {@code main}, as an organisation
 * admin would issue it. The benchmark's clients sign their requests with these keys; the platform
 * signs the transactions as each application's custodial identity. On a platform the bench did
 * not start, the network is deleted on close; a platform the bench started goes with its nodes.
 */
final class PlatformGatewayNetwork implements AutoCloseable {
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);
    /** The gateway's largest allowed rate: the benchmark measures the path, not the limiter. */
    private static final int RATE_LIMIT_PER_SECOND = 10_000;

    /** One organisation's access key; the secret stays in memory, never printed. */
    record AccessKey(String organization, String accessKeyId, String secretKey) {}

    private final PlatformRestClient rest;
    private final PlatformConsortium consortium;
    private final List<AccessKey> keys;
    private final List<BenchTarget.TargetNode> nodes;
    private final PrintStream progress;
    private final boolean deleteOnClose;

    private PlatformGatewayNetwork(PlatformRestClient rest, PlatformConsortium consortium, List<AccessKey> keys,
            List<BenchTarget.TargetNode> nodes, PrintStream progress, boolean deleteOnClose) {
        this.rest = rest;
        this.consortium = consortium;
        this.keys = keys;
        this.nodes = nodes;
        this.progress = progress;
        this.deleteOnClose = deleteOnClose;
    }

    /** @param deleteOnClose whether {@link #close} deletes the network (a platform the bench did not start) */
    static PlatformGatewayNetwork deploy(String url, String adminPassword, int organizations, boolean deleteOnClose,
            PrintStream progress) {
        PlatformRestClient rest = new PlatformRestClient(url);
        long t0 = System.nanoTime();
        String prefix = "gw" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        PlatformConsortium consortium = PlatformConsortium.create(rest, rest.login("admin", adminPassword), prefix,
                "Gateway bench", organizations);
        JsonNode deployment = rest.call("POST", "/api/v1/consortia/" + consortium.id() + "/network/deploy",
                consortium.leader(), Map.of(), 202);
        JsonNode finished = awaitDeployment(rest, consortium.leader(), deployment.get("id").asLong());
        if (!"SUCCEEDED".equals(finished.get("status").asText())) {
            throw new IllegalStateException("Deployment of the benchmark's network " + finished.get("status").asText()
                    + ": " + finished.path("reason").asText());
        }
        List<AccessKey> keys = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            long org = consortium.organizationIds().get(i);
            String admin = consortium.adminTokens().get(i);
            String applications = "/api/v1/organizations/" + org + "/applications";
            long application = rest.call("POST", applications, admin, Map.of("consortiumId", consortium.id(),
                    "name", "bench-" + (i + 1), "description", "consortia bench --gateway"), 201).get("id").asLong();
            JsonNode issued = rest.call("POST", applications + "/" + application + "/keys", admin, Map.of(
                    "channels", List.of("main"), "contracts", List.of("notarization"), "functions", List.of("record"),
                    "rateLimitPerSecond", RATE_LIMIT_PER_SECOND, "validDays", 1), 201);
            keys.add(new AccessKey(consortium.organizationNames().get(i),
                    issued.get("key").get("accessKeyId").asText(), issued.get("secretKey").asText()));
        }
        List<BenchTarget.TargetNode> nodes = new ArrayList<>();
        for (JsonNode node : rest.call("GET", "/api/v1/consortia/" + consortium.id() + "/nodes", consortium.leader(),
                null, 200)) {
            long org = node.get("organizationId").asLong();
            String address = node.path("apiAddress").asText();
            int apiPort = address.contains(":") ? Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) : -1;
            nodes.add(new BenchTarget.TargetNode(node.get("nodeId").asText(),
                    consortium.organizationNames().get(consortium.organizationIds().indexOf(org)), apiPort,
                    node.get("metricsPort").asInt(), node.path("pid").isNumber() ? node.get("pid").asLong() : -1));
        }
        // clients of organisation i talk to the platform with its key, and the platform to its node first
        nodes.sort(java.util.Comparator.comparing(n -> consortium.organizationNames().indexOf(n.organization())));
        progress.printf(Locale.ROOT, "[bench] platform network up in %.1f s: %d organisations, %d nodes, "
                + "an application and access key each%n", (System.nanoTime() - t0) / 1e9, organizations, nodes.size());
        return new PlatformGatewayNetwork(rest, consortium, List.copyOf(keys), List.copyOf(nodes), progress,
                deleteOnClose);
    }

    List<AccessKey> keys() {
        return keys;
    }

    /** The nodes in the order of the organisations (node i belongs to the organisation of key i). */
    List<BenchTarget.TargetNode> nodes() {
        return nodes;
    }

    List<String> organizations() {
        return consortium.organizationNames();
    }

    @Override
    public void close() {
        if (!deleteOnClose) {
            return;
        }
        try {
            JsonNode delete = rest.call("DELETE", "/api/v1/consortia/" + consortium.id() + "/network?confirm="
                    + URLEncoder.encode(consortium.name(), StandardCharsets.UTF_8), consortium.leader(), null, 202);
            JsonNode deleted = awaitDeployment(rest, consortium.leader(), delete.get("id").asLong());
            if (!"SUCCEEDED".equals(deleted.get("status").asText())) {
                progress.println("[bench] deleting the network failed: " + deleted.path("reason").asText());
            }
        } catch (RuntimeException e) {
            progress.println("[bench] deleting the network failed: " + e.getMessage());
        }
    }

    private static JsonNode awaitDeployment(PlatformRestClient rest, String bearer, long deploymentId) {
        JsonNode[] last = new JsonNode[1];
        return Poll.until(DEPLOY_TIMEOUT, Duration.ofMillis(200), () -> {
            last[0] = rest.call("GET", "/api/v1/deployments/" + deploymentId, bearer, null, 200);
            return "RUNNING".equals(last[0].get("status").asText()) ? null : last[0];
        }).orElseThrow(() -> new IllegalStateException("Deployment " + deploymentId + " still RUNNING after "
                + DEPLOY_TIMEOUT.toMinutes() + " min: " + last[0]));
    }
}
