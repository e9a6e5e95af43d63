package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every node exports Prometheus metrics and a health document describing its channels. */
class MetricsAndHealthIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(MiniNode node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_and_health_describe_height_commits_batches_latency_and_raft() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(2).channel("main").start()) {
            SubmitResult result = network.gateway(0).channel("main").contract("notarization")
                    .submit("record", Hashes.hex(Hashes.sha256().digest("m".getBytes())), "metrics");
            network.awaitHeight(result.blockNumber() + 1);
            MiniNode node = network.nodes().get(0);

            HttpResponse<String> metrics = get(node, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("consortia_block_height{channel=\"main\"} " + (result.blockNumber() + 1) + ".0")
                    .contains("consortia_transactions_committed_total{channel=\"main\",code=\"VALID\"} 1.0")
                    .contains("consortia_block_transactions_bucket")
                    .contains("consortia_commit_latency_seconds_count{channel=\"main\"} 1")
                    .contains("consortia_raft_role{channel=\"main\",role=\"LEADER\"}")
                    .contains("consortia_raft_term{channel=\"main\"}")
                    .contains("consortia_raft_has_leader{channel=\"main\"} 1.0")
                    .contains("consortia_raft_peers{channel=\"main\"} 2.0");

            HttpResponse<String> health = get(node, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"name\":\"main\"")
                    .contains("\"height\":" + (result.blockNumber() + 1));
        }
    }
}
