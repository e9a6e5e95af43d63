package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.Crds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deployment target KUBERNETES through the REST API: refused with a problem naming the setting
 * when the platform is not configured for a cluster; when it is (a kubeconfig pointing at
 * fabric8's CRUD mock API server), a consortium's deployment writes the ConsortiaNetwork and the
 * key Secrets, follows the namespace and the pods into its steps, and deleting the network
 * deletes the resource. The test plays the operator and the garbage collector; nodes cannot run
 * on a mock, so the deployment ends when the platform cannot reach the node
 * (KubernetesDeploymentIT runs real nodes on a real control plane).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetIT {
    KubernetesMockServer server;
    KubernetesClient cluster;

    @Test
    void kubernetes_is_refused_with_a_problem_naming_the_setting_when_not_configured() {
        try (PlatformRunner platform = new PlatformRunner(TestDatabase.H2).start()) {
            Api admin = platform.admin();
            long org1 = Fixtures.organization(admin, "org1");
            Api alice = Fixtures.member(admin, org1, "alice", "ADMIN");

            Api.Response refused = alice.post("/api/v1/consortia", Json.of("name", "Acme Trade",
                    "signatureScheme", "ECDSA_P256", "deploymentTarget", "KUBERNETES"));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
            assertThat(refused.json().get("detail").asText()).contains("KUBERNETES")
                    .contains("consortia.kubernetes.enabled");
            assertThat(alice.get("/api/v1/consortia").json()).isEmpty();
            Api.Response wizard = alice.get("/console/consortia/new");
            assertThat(wizard.status()).isEqualTo(200);
            assertThat(wizard.body()).contains("value=\"LOCAL\"").doesNotContain("value=\"KUBERNETES\"");
            Api.Response local = alice.post("/api/v1/consortia", Json.of("name", "Acme Trade",
                    "signatureScheme", "ECDSA_P256", "deploymentTarget", "LOCAL"));
            assertThat(local.status()).as(local.toString()).isEqualTo(201);
        }
    }

    @Test
    void a_configured_platform_writes_the_network_and_its_secrets_and_deletes_them() throws IOException {
        cluster.apiextensions().v1().customResourceDefinitions().resource(Crds.consortiaNetwork()).create();
        Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, kubeconfig(cluster.getConfiguration().getMasterUrl()));
        try (PlatformRunner platform = new PlatformRunner(TestDatabase.H2)
                .with("consortia.kubernetes.enabled", "true")
                .with("consortia.kubernetes.kubeconfig", kubeconfig)
                .with("consortia.kubernetes.ready-timeout", "60s")
                .with("consortia.node.start-timeout", "3s")
                .start()) {
            Api admin = platform.admin();
            long org1 = Fixtures.organization(admin, "org1");
            Api alice = Fixtures.member(admin, org1, "alice", "ADMIN");
            Api.Response wizard = alice.get("/console/consortia/new");
            assertThat(wizard.status()).isEqualTo(200);
            assertThat(wizard.body()).contains("value=\"LOCAL\"", "value=\"KUBERNETES\"");
            Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "Acme Trade",
                    "signatureScheme", "ECDSA_P256", "deploymentTarget", "KUBERNETES"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long consortium = created.json().get("id").asLong();
            String network = "c" + consortium + "-acme-trade";
            String namespace = "consortia-" + network;
            String pod = "c" + consortium + "-org1-0";

            Api.Response started = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            // the operator's part: the namespace, and the StatefulSet's pod becoming Ready
            ConsortiaNetwork resource = await("the ConsortiaNetwork").atMost(Duration.ofMinutes(1))
                    .until(() -> cluster.resources(ConsortiaNetwork.class).withName(network).get(), r -> r != null);
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
            cluster.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                    .addToLabels("consortia.io/network", network).endMetadata().withNewStatus().addNewCondition()
                    .withType("Ready").withStatus("True").endCondition().endStatus().build()).create();

            JsonNode deployment = Waits.deployment(alice, started.json().get("id").asLong());
            List<String> steps = new ArrayList<>();
            deployment.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
            assertThat(steps).containsSubsequence("Issue certificates for " + pod + ":DONE",
                    "Apply ConsortiaNetwork " + network + ":DONE", "Wait for namespace " + namespace + ":DONE",
                    "Write Secret c" + consortium + "-org1-keys:DONE", "Pods ready 1/1:DONE",
                    "Start " + pod + ":DONE", "Wait for " + pod + " to serve:FAILED");
            assertThat(resource.getSpec().getOrganizations()).singleElement()
                    .satisfies(o -> assertThat(o.getDisplayName()).isEqualTo("org1"));
            assertThat(Serialization.asJson(resource)).doesNotContain("PRIVATE KEY");
            Secret keys = cluster.secrets().inNamespace(namespace).withName("c" + consortium + "-org1-keys").get();
            assertThat(keys.getData()).containsOnlyKeys(pod + "-node.key", pod + "-tls.key");
            JsonNode nodes = alice.get("/api/v1/consortia/" + consortium + "/nodes").json();
            assertThat(nodes).singleElement().satisfies(n -> {
                assertThat(n.get("apiAddress").asText())
                        .isEqualTo(pod + ".c" + consortium + "-org1-peers." + namespace + ".svc.cluster.local:7051");
                assertThat(n.get("ready").asBoolean()).isTrue();
                assertThat(n.get("pid").isNull()).isTrue();
            });
            Api.Response stop = alice.post("/api/v1/consortia/" + consortium + "/network/stop", "");
            assertThat(stop.status()).as(stop.toString()).isEqualTo(409);

            Api.Response deleting = alice.delete("/api/v1/consortia/" + consortium + "/network?confirm=Acme%20Trade");
            assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
            // the garbage collector's part: the namespace goes with its owner
            await("the ConsortiaNetwork deleted").atMost(Duration.ofMinutes(1))
                    .until(() -> cluster.resources(ConsortiaNetwork.class).withName(network).get() == null);
            cluster.namespaces().withName(namespace).delete();
            JsonNode deleted = Waits.deployment(alice, deleting.json().get("id").asLong());
            assertThat(deleted.get("status").asText()).as(deleted.toString()).isEqualTo("SUCCEEDED");
            assertThat(alice.get("/api/v1/consortia/" + consortium + "/nodes").json()).isEmpty();
            assertThat(alice.get("/api/v1/consortia/" + consortium).json().get("status").asText()).isEqualTo("CREATED");
        } finally {
            Files.deleteIfExists(kubeconfig);
        }
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: test
                  user:
                    token: test-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: test
                current-context: mock
                """.formatted(server);
    }
}
