package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two of three nodes frozen (SIGSTOP): the last one still serves, but its channel has no Raft
 * leader. Its {@code /health} said a plain UP; it says DEGRADED with the channel now, and stays
 * 200 so that no liveness probe restarts the one member left.
 */
class QuorumLossHealthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> health(MiniNode node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_last_running_node_of_a_channel_without_quorum_is_degraded_and_names_the_channel() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start()) {
            network.awaitLeader();
            List<MiniNode> nodes = network.nodes();
            MiniNode last = nodes.get(2);
            await("a leader known to " + last.nodeId()).atMost(Duration.ofMinutes(2))
                    .until(() -> health(last).body().contains("\"status\":\"UP\""));
            nodes.get(0).pause();
            nodes.get(1).pause();
            try {
                await(last.nodeId() + " reporting main without leader").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> health(last).body().contains("\"leaderlessChannels\":[\"main\"]"));
                HttpResponse<String> degraded = health(last);
                assertThat(degraded.statusCode()).as("a liveness probe must not restart it").isEqualTo(200);
                assertThat(degraded.body()).contains("\"status\":\"DEGRADED\"");
            } catch (AssertionError | RuntimeException e) {
                network.dumpLogs();
                throw e;
            } finally {
                nodes.get(0).resume();
                nodes.get(1).resume();
            }
            await(last.nodeId() + " UP again once a majority runs").atMost(Duration.ofMinutes(3))
                    .until(() -> health(last).body().contains("\"status\":\"UP\""));
        }
    }
}
