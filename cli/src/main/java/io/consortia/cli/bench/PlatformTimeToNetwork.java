package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.common.Poll;
import io.consortia.common.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * "Time to network" through the platform, as a person gets a network: the REST API of a platform
 * (this class starts {@code consortia-platform.jar} on a free port with a temporary data directory
 * and a generated admin password, or targets a running one), N organisations each with an admin,
 * a consortium of 1 node per organisation with every invitation accepted, then, timed:
 *
 * <ol>
 *   <li>{@code POST /consortia/{id}/network/deploy} (answered 202 at once; the local deployer
 *       issues certificates, writes node files, starts one JVM per node, waits for each to serve,
 *       then creates channel {@code main} on every node and waits until each knows its Raft leader;
 *       each node writes the channel's genesis block 0 locally, without consensus),</li>
 *   <li>polling {@code GET /deployments/{id}} until SUCCEEDED,</li>
 *   <li>the first transaction, a notarization through {@code POST .../channels/main/notarizations}
 *       (answered 201 once committed): its block, number 1, is the network's first committed
 *       block, ordered by Raft and applied,</li>
 *   <li>and, not counted in the figure, until that block is visible in the platform's explorer.</li>
 * </ol>
 *
 * The figure is from the deploy call to the notarization's answer. Set-up before it (organisations,
 * consortium, invitations) and the deletion after it are timed separately. Every step of the
 * deployment is reported from its progress record, grouped by kind.
 */
final class PlatformTimeToNetwork {
    static final String LABEL = "time to network (platform REST API, local deployer)";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * One measured deployment. Seconds are from the deploy call; {@code setupSeconds} (organisations,
     * consortium, invitations) and {@code deleteSeconds} (after it) are not part of the figure.
     */
    record Row(int organizations, int run, double setupSeconds, double deployAnsweredSeconds,
            double deploySucceededSeconds, double firstBlockSeconds, long firstBlockNumber, Double explorerSeconds,
            double deleteSeconds, List<Phase> phases) {}

    /**
     * Deployment steps of one kind (e.g. "Start", one per node): when the first began and the last
     * ended, relative to the deploy call, and their summed durations.
     */
    record Phase(String name, int steps, double fromSeconds, double toSeconds, double summedSeconds) {}

    /** The JSON of {@code --time-to-network} on the platform. */
    record Report(String tool, String label, String startedAt, String platform, String scheme,
            Double platformStartSeconds, BenchReport.Machine machine, List<Row> runs) {}

    private final PlatformRestClient rest;
    private final PrintStream progress;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

    private final Path logsDir;

    private PlatformTimeToNetwork(String base, Path logsDir, PrintStream progress) {
        this.rest = new PlatformRestClient(base);
        this.logsDir = logsDir;
        this.progress = progress;
    }

    /** A platform process this class started: killed with its data directory on close. */
    static final class LocalPlatform implements AutoCloseable {
        final Process process;
        final String url;
        final String adminPassword;
        final Path dataDir;
        final Path log;
        final double startSeconds;
        private final boolean keep;

        private LocalPlatform(Process process, String url, String adminPassword, Path dataDir, Path log,
                double startSeconds, boolean keep) {
            this.process = process;
            this.url = url;
            this.adminPassword = adminPassword;
            this.dataDir = dataDir;
            this.log = log;
            this.startSeconds = startSeconds;
            this.keep = keep;
        }

        /** @param baseDir where the platform's data (database, node directories and logs) goes and stays; null: a temporary directory, deleted */
        static LocalPlatform start(Path jar, Path baseDir, Path profileDir, List<String> platformOptions,
                PrintStream progress) throws IOException, InterruptedException {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No platform jar at " + jar + "; build it with "
                        + "./mvnw -q -ntp -pl platform -am package -DskipTests, or give --platform-url");
            }
            Path dataDir = baseDir == null ? Files.createTempDirectory("consortia-bench-platform")
                    : Files.createDirectories(baseDir.toAbsolutePath());
            Path log = dataDir.resolve("platform.log");
            int port = freePort();
            String password = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                    "--server.port=" + port, "--server.address=127.0.0.1",
                    "--consortia.data-dir=" + dataDir.resolve("data"),
                    "--consortia.initial-admin-password=" + password,
                    "--spring.main.banner-mode=off"));
            for (String option : platformOptions) {
                command.add(option.startsWith("--") ? option : "--" + option);
            }
            if (profileDir != null) {
                // the deployer's default node options plus a JFR recording of each node's whole life
                Path dir = Files.createDirectories(profileDir.toAbsolutePath());
                List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir + "/"); // a directory: one file per pid
                for (int i = 0; i < options.size(); i++) { // indexed: a plain list value would be split at commas
                    command.add("--consortia.node.java-options[" + i + "]=" + options.get(i));
                }
            }
            progress.printf(Locale.ROOT, "[time to network] starting the platform %s on port %d (data in %s) ...%n",
                    jar, port, dataDir);
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            String url = "http://127.0.0.1:" + port;
            LocalPlatform platform = new LocalPlatform(process, url, password, dataDir, log, 0, baseDir != null);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            boolean healthy = Poll.until(Duration.ofSeconds(180), Duration.ofMillis(200), () -> {
                if (!process.isAlive()) {
                    platform.close();
                    throw new IllegalStateException("The platform exited with " + process.exitValue()
                            + "; its log: " + tail(log));
                }
                return healthy(http, url) ? Boolean.TRUE : null;
            }).isPresent();
            if (!healthy) {
                platform.close();
                throw new IllegalStateException("The platform did not become healthy in 180 s; its log: " + tail(log));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.printf(Locale.ROOT, "[time to network] platform up in %.1f s%n", seconds);
            return new LocalPlatform(process, url, password, dataDir, log, seconds, baseDir != null);
        }

        private static boolean healthy(HttpClient http, String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the poll's next wait ends with it
                return false;
            }
        }

        @Override
        public void close() {
            List<ProcessHandle> children = process.descendants().toList();
            Processes.stop(process.toHandle(), Duration.ofSeconds(30)); // SIGTERM first: Spring closes cleanly
            // node processes the platform started and did not stop (none after a successful delete)
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            children.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join());
            if (keep) {
                return;
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // left for the OS
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    /** Measures {@code runs} deployments for each organisation count on the platform at {@code url}. */
    /** @param logsDir where each node's log is saved before the network is deleted; null: not saved */
    static List<Row> measure(String url, String adminPassword, List<Integer> organizationCounts, int runs,
            Path logsDir, PrintStream progress) {
        PlatformTimeToNetwork ttn = new PlatformTimeToNetwork(url, logsDir, progress);
        List<Row> rows = new ArrayList<>();
        for (int organizations : organizationCounts) {
            for (int run = 1; run <= runs; run++) {
                progress.printf(Locale.ROOT, "[time to network] %d organisations, run %d/%d ...%n", organizations,
                        run, runs);
                Row row = ttn.once(adminPassword, organizations, run);
                progress.printf(Locale.ROOT, "[time to network] %d organisations: deployment SUCCEEDED at %.1f s, "
                        + "first block (#%d) committed at %.1f s after the deploy call%n", organizations,
                        row.deploySucceededSeconds(), row.firstBlockNumber(), row.firstBlockSeconds());
                rows.add(row);
            }
        }
        return rows;
    }

    private Row once(String adminPassword, int organizations, int run) {
        long s0 = System.nanoTime();
        String admin = rest.login("admin", adminPassword);
        String prefix = "ttn" + token + "r" + run + "n" + organizations;
        PlatformConsortium made = PlatformConsortium.create(rest, admin, prefix, "Time to network", organizations);
        String leader = made.leader();
        String consortiumName = made.name();
        long consortium = made.id();
        double setup = (System.nanoTime() - s0) / 1e9;

        // timed: the deploy call to the first committed block
        long epochMillis0 = System.currentTimeMillis();
        long t0 = System.nanoTime();
        JsonNode deployment = rest.call("POST", "/api/v1/consortia/" + consortium + "/network/deploy", leader,
                Map.of(), 202);
        double answered = (System.nanoTime() - t0) / 1e9;
        long deploymentId = deployment.get("id").asLong();
        JsonNode finished = awaitDeployment(leader, deploymentId);
        double succeeded = (System.nanoTime() - t0) / 1e9;
        if (!"SUCCEEDED".equals(finished.get("status").asText())) {
            throw new IllegalStateException("Deployment " + deploymentId + " " + finished.get("status").asText()
                    + ": " + finished.path("reason").asText());
        }
        String channel = "/api/v1/consortia/" + consortium + "/channels/main";
        String documentHash = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        JsonNode notarized = rest.call("POST", channel + "/notarizations", leader,
                Map.of("documentHash", documentHash, "metadata", "time to network"), 201);
        double firstBlock = (System.nanoTime() - t0) / 1e9;
        long blockNumber = notarized.get("blockNumber").asLong();
        Double explorer = Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> rest.status("GET", channel + "/blocks/" + blockNumber, leader) == 200
                        ? (System.nanoTime() - t0) / 1e9 : null).orElse(null);
        List<Phase> phases = phases(finished.get("steps"), epochMillis0);
        if (logsDir != null) {
            saveNodeLogs(leader, consortium);
        }

        long d0 = System.nanoTime();
        JsonNode delete = rest.call("DELETE", "/api/v1/consortia/" + consortium + "/network?confirm="
                + URLEncoder.encode(consortiumName, StandardCharsets.UTF_8), leader, null, 202);
        JsonNode deleted = awaitDeployment(leader, delete.get("id").asLong());
        if (!"SUCCEEDED".equals(deleted.get("status").asText())) {
            progress.println("[time to network] deleting the network failed: " + deleted.path("reason").asText());
        }
        double deleteSeconds = (System.nanoTime() - d0) / 1e9;
        return new Row(organizations, run, setup, answered, succeeded, firstBlock, blockNumber, explorer,
                deleteSeconds, phases);
    }

    private void saveNodeLogs(String bearer, long consortium) {
        try {
            Files.createDirectories(logsDir);
            for (JsonNode node : rest.call("GET", "/api/v1/consortia/" + consortium + "/nodes", bearer, null, 200)) {
                String id = node.get("nodeId").asText();
                HttpResponse<String> log = rest.send("GET", "/api/v1/nodes/" + id + "/logs?lines=2000", bearer, null);
                Files.writeString(logsDir.resolve(id + ".log"), log.body());
            }
            progress.println("[time to network] node logs saved in " + logsDir);
        } catch (IOException | RuntimeException e) {
            progress.println("[time to network] could not save node logs: " + e);
        }
    }

    /** Groups steps by their name without the node id ("Start c3-org1-0" and "Start c3-org2-0" are "Start"). */
    static List<Phase> phases(JsonNode steps, long epochMillis0) {
        Map<String, double[]> groups = new LinkedHashMap<>(); // count, from, to, sum
        for (JsonNode step : steps) {
            String name = step.get("name").asText();
            String node = step.path("nodeId").asText("");
            String kind = node.isEmpty() ? name : name.replace(node, "<node>").trim();
            double from = (step.get("startedAt").asLong() - epochMillis0) / 1e3;
            double to = step.path("finishedAt").isNumber() ? (step.get("finishedAt").asLong() - epochMillis0) / 1e3
                    : from;
            double[] g = groups.computeIfAbsent(kind, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE, 0});
            g[0]++;
            g[1] = Math.min(g[1], from);
            g[2] = Math.max(g[2], to);
            g[3] += to - from;
        }
        List<Phase> phases = new ArrayList<>();
        groups.forEach((kind, g) -> phases.add(new Phase(kind, (int) g[0], g[1], g[2], g[3])));
        return phases;
    }

    private JsonNode awaitDeployment(String bearer, long deploymentId) {
        JsonNode[] last = new JsonNode[1];
        return Poll.until(DEPLOY_TIMEOUT, Duration.ofMillis(50), () -> {
            last[0] = rest.call("GET", "/api/v1/deployments/" + deploymentId, bearer, null, 200);
            return "RUNNING".equals(last[0].get("status").asText()) ? null : last[0];
        }).orElseThrow(() -> new IllegalStateException("Deployment " + deploymentId + " still RUNNING after "
                + DEPLOY_TIMEOUT.toMinutes() + " min: " + last[0]));
    }

    static void print(PrintStream out, Report report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(BenchReport.row("platform", report.platform() + (report.platformStartSeconds() == null ? ""
                : String.format(Locale.ROOT, " (started in %.1f s, not counted)", report.platformStartSeconds()))));
        for (Row r : report.runs()) {
            rows.add(BenchReport.row(r.organizations() + " organisations (run " + r.run() + ")",
                    String.format(Locale.ROOT, "first committed block (#%d) %.1f s after the deploy call", r.firstBlockNumber(),
                            r.firstBlockSeconds())));
            rows.add(BenchReport.row("  deploy", String.format(Locale.ROOT, "answered %.2f s, SUCCEEDED %.1f s; "
                    + "first transaction committed %.1f s%s", r.deployAnsweredSeconds(), r.deploySucceededSeconds(),
                    r.firstBlockSeconds() - r.deploySucceededSeconds(), r.explorerSeconds() == null ? ""
                            : String.format(Locale.ROOT, "; in the explorer at %.1f s", r.explorerSeconds()))));
            for (Phase p : r.phases()) {
                rows.add(BenchReport.row("    " + p.name(), String.format(Locale.ROOT, "%s%.1f -> %.1f s%s",
                        p.steps() > 1 ? p.steps() + " steps, " : "", p.fromSeconds(), p.toSeconds(),
                        p.steps() > 1 ? String.format(Locale.ROOT, " (summed %.1f s)", p.summedSeconds()) : "")));
            }
            rows.add(BenchReport.row("  not counted", String.format(Locale.ROOT,
                    "set-up (organisations, consortium, invitations) %.1f s, delete %.1f s", r.setupSeconds(),
                    r.deleteSeconds())));
        }
        rows.add(BenchReport.row("machine", report.machine().cores() + " cores, " + report.machine().java()
                + ", load " + BenchReport.fmt(report.machine().loadAverageBefore(), 2) + " -> "
                + BenchReport.fmt(report.machine().loadAverageAfter(), 2)));
        BenchReport.table(out, "Consortia " + LABEL + ", " + report.scheme() + ", " + report.startedAt(), rows);
    }
}
