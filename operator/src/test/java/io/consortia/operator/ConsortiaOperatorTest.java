package io.consortia.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.status.NodeHealthReader;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator as the platform embeds it, on the mock server: the framework wiring, not the logic. */
@EnableKubernetesMockClient(crud = true)
class ConsortiaOperatorTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    KubernetesClient client;

    @Test
    void reconcilesOnCreationWritesStatusRepairsOnEventsAndServesHealthAndMetrics() throws Exception {
        NodeHealthReader unreachable = (host, port) -> {
            throw new NodeHealthReader.HealthUnavailableException("/health unreachable");
        };
        ConsortiaOperator.Settings settings = ConsortiaOperator.Settings.defaults().withHealth(unreachable)
                .withPdbVersion(PdbVersion.POLICY_V1BETA1).withResync(Duration.ofSeconds(5));
        TestNetworks.Fixture fixture = TestNetworks.network("acme", 2, 1);
        for (Secret secret : fixture.secrets()) {
            client.resource(secret).create();
        }
        try (ConsortiaOperator operator = ConsortiaOperator.start(client, settings);
                OperatorHttpServer http = new OperatorHttpServer("127.0.0.1", 0, operator::isHealthy,
                        settings.registry())) {
            client.resource(fixture.network()).create();

            await().atMost(WAIT).untilAsserted(() -> {
                ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("acme").get();
                assertThat(network.getStatus()).isNotNull();
                assertThat(network.getStatus().getObservedGeneration()).isEqualTo(network.getMetadata().getGeneration());
                assertThat(network.getStatus().condition(ConsortiaNetworkStatus.SECRETS_AVAILABLE).getStatus())
                        .isEqualTo("True");
                assertThat(network.getStatus().getReadyNodes()).isEqualTo("0/2");
                assertThat(network.getStatus().getConditions()).hasSize(3);
            });
            assertThat(client.apps().statefulSets().inNamespace("consortia-acme").list().getItems()).hasSize(2);

            client.services().inNamespace("consortia-acme").withName("org1-peers").delete();
            await().atMost(WAIT).until(() ->
                    client.services().inNamespace("consortia-acme").withName("org1-peers").get() != null);

            HttpClient web = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port();
            HttpResponse<String> health = web.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            String metrics = web.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("consortia_operator_reconciliations_total{result=\"success\"}")
                    .contains("consortia_operator_objects_written_total{action=\"created\"}")
                    .contains("consortia_operator_network_nodes{network=\"acme\"} 2.0");
        }
    }
}
