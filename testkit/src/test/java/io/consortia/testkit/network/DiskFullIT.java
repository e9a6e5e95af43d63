package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.sdk.Contract;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A follower whose disk fills up: its member of the channel stops (it can no longer write its
 * Raft log, or its ledger), the node keeps answering, and {@code GET /health} says so — 503, the
 * channel under {@code failedChannels} with the reason — so that a liveness probe restarts it. The
 * other two nodes go on committing, and once space is freed, a restart brings the follower back
 * to the same chain. A small tmpfs mounted for the test holds the follower's Raft log
 * ({@code data/raft}), its ledgers ({@code data/channels}) — so that each way of failing is tested
 * on its own — or both, as one disk would.
 */
class DiskFullIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CHANNEL = "main";

    @ParameterizedTest(name = "full disk under data/{0}")
    @ValueSource(strings = {"raft", "channels", ""})
    void a_follower_whose_disk_fills_reports_its_stopped_member_and_follows_again_after_a_restart(String full)
            throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(3).channel(CHANNEL).processes(true).start()) {
            try {
                fillAndRecover(network, full);
            } catch (AssertionError | RuntimeException e) {
                network.dumpLogs();
                keepLogs(network, full);
                throw e;
            } finally {
                if (mount != null) {
                    network.stopAll(); // so that the mount can go before the network deletes its directories
                    run("umount", "-l", mount.toString());
                }
            }
        }
    }

    /** The follower's tmpfs, once mounted. */
    private Path mount;

    private void fillAndRecover(MiniNetwork network, String full) throws Exception {
        network.awaitLeader();
        MiniNode leader = leaderOf(network);
        MiniNode follower = network.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        Contract notarization = network.gateway(leader, leader.organization()).channel(CHANNEL)
                .contract("notarization");
        record(notarization, "before");

        follower.stop();
        Path data = follower.dataDir().resolve(full);
        Path aside = data.resolveSibling(data.getFileName() + "-before-tmpfs");
        Files.move(data, aside);
        Files.createDirectories(data);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", data.toString()),
                "this machine does not let the test mount a tmpfs (needs root)");
        mount = data;
        copy(aside, data);
        follower.restart();
        network.awaitHeight(height(network, leader));

        Path filler = data.resolve("filler");
        fill(filler);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong();
        Thread load = new Thread(() -> {
            while (loading.get()) {
                try {
                    record(notarization, "load");
                    committed.incrementAndGet();
                } catch (RuntimeException e) {
                    // the leader and the third node commit without the follower; a failed call is retried
                }
            }
        }, "disk-full-load");
        load.start();
        try {
            await("the follower's /health turning 503 as its disk stays full").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> health(follower).statusCode() == 503);
        } finally {
            loading.set(false);
            load.join(TimeUnit.MINUTES.toMillis(1));
        }

        HttpResponse<String> health = health(follower);
        System.out.println(follower.nodeId() + " with a full disk, /health: " + health.body());
        String[] reasons = switch (full) {
            case "raft" -> new String[] {"its Raft log cannot be written"};
            case "channels" -> new String[] {"applying committed entry"};
            default -> new String[] {"its Raft log cannot be written", "applying committed entry"}; // whichever is first
        };
        assertThat(health.body()).contains("\"status\":\"DOWN\"")
                .contains("\"failedChannels\":[{\"name\":\"" + CHANNEL + "\"")
                .containsAnyOf(reasons)
                .contains("No space left on device");
        assertThat(get(follower, "/metrics")).contains("consortia_raft_member_stopped{channel=\"" + CHANNEL + "\"} 1.0");
        assertThat(committed.get()).isPositive();
        // The other two still form a majority.
        long heightWithoutFollower = record(notarization, "without the follower") + 1;

        Files.delete(filler);
        follower.restart();
        network.awaitHeight(heightWithoutFollower);
        assertThat(health(follower).statusCode()).isEqualTo(200);
        assertThat(health(follower).body()).doesNotContain("failedChannels");
        long last = record(notarization, "after") + 1;
        network.awaitHeight(last);
        var expected = network.gateway(leader, leader.organization()).channel(CHANNEL).blockByNumber(last - 1)
                .getHash();
        for (MiniNode node : network.nodes()) {
            assertThat(network.gateway(node, node.organization()).channel(CHANNEL).blockByNumber(last - 1)
                    .getHash()).as(node.nodeId()).isEqualTo(expected);
        }
    }

    /** The whole logs, for a failure that their last lines do not explain: copied under target/. */
    private static void keepLogs(MiniNetwork network, String full) {
        for (MiniNode node : network.nodes()) {
            try {
                Path kept = Path.of("target", "DiskFullIT-" + full + "-" + node.nodeId() + ".log");
                Files.copy(node.logFile(), kept, StandardCopyOption.REPLACE_EXISTING);
                System.err.println("kept " + kept.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("cannot keep the log of " + node.nodeId() + ": " + e);
            }
        }
    }

    private static long record(Contract notarization, String text) {
        String padded = text + " " + "x".repeat(4000);
        return notarization.submit("record", Hashes.hex(Hashes.sha256().digest((text + System.nanoTime()).getBytes())),
                padded).blockNumber();
    }

    private static MiniNode leaderOf(MiniNetwork network) {
        for (MiniNode node : network.nodes()) {
            ChannelStatus status = network.admin(node).status().getChannels(0);
            if (status.getRaftRole().equals("LEADER")) {
                return node;
            }
        }
        throw new AssertionError("no leader among " + network.nodes());
    }

    private static long height(MiniNetwork network, MiniNode node) {
        return network.admin(node).status().getChannels(0).getHeight();
    }

    /** Writes zeros until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean ok = process.waitFor() == 0;
        if (!ok) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return ok;
    }

    private static HttpResponse<String> health(MiniNode node) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(MiniNode node, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
