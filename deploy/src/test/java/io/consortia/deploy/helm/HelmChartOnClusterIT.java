package io.consortia.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.kubetest.TestCluster;
import io.consortia.kubetest.controlplane.KubeBinaries;
import io.consortia.kubetest.kubelet.ImageCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart, rendered as `helm template` renders it with an external database and an existing
 * master-key Secret, applied to the test cluster (real kube-apiserver 1.20 with its controllers;
 * module kubetest): Kubernetes admits every object (the CRD, RBAC, Deployment...), its
 * Deployment controller makes the platform's Pod, the test kubelet runs it (the platform's jar
 * standing in for its image) with the chart's environment, Secrets and probes, and the Pod
 * becomes Ready. The platform then holds its tables in the external database and lets the
 * admin in with the password from the chart's Secret.
 *
 * <p>Needs a PostgreSQL server ({@code -Dconsortia.test.postgres.url}, as the platform's
 * PostgreSQL tests; skipped without) and the binaries of scripts/kube-control-plane (fails
 * without them, naming the script).
 */
class HelmChartOnClusterIT {
    private static final String NAMESPACE = "consortia";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void platformFromTheRenderedChartBecomesReadyWithExternalDatabaseAndExistingMasterKey() throws Exception {
        String server = System.getProperty("consortia.test.postgres.url", "");
        assumeTrue(!server.isBlank(), "external database: set -Dconsortia.test.postgres.url=jdbc:postgresql://host:port/db");
        String dbUser = System.getProperty("consortia.test.postgres.user", "postgres");
        String dbPassword = System.getProperty("consortia.test.postgres.password", "");
        String database = "consortia_helm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(server, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        String databaseUrl = server.substring(0, server.lastIndexOf('/') + 1) + database;

        KubeBinaries.locate();
        Path platformJar = Path.of(System.getProperty("consortia.platform.jar", "../platform/target/consortia-platform.jar"));
        assertThat(platformJar).as("the platform's jar (module platform, package phase)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ImageCatalog images = ImageCatalog.builder()
                .image("consortia/platform", List.of(java, "-jar", platformJar.toAbsolutePath().toString()))
                .build();

        // the values a platform team would give: their database, their master key; on the test
        // cluster a process must bind to its Pod's address (no network namespaces)
        Path values = work.resolve("values.yaml");
        Files.writeString(values, """
                database:
                  bundled:
                    enabled: false
                  external:
                    url: %s
                    existingSecret: consortia-db
                masterKey:
                  existingSecret: consortia-master-key
                platform:
                  extraEnv:
                    - name: SERVER_ADDRESS
                      valueFrom:
                        fieldRef:
                          fieldPath: status.podIP
                """.formatted(databaseUrl), StandardCharsets.UTF_8);
        ChartRenderer.Result rendered = new ChartRenderer().render("consortia", NAMESPACE, List.of(values), Map.of());
        assertThat(rendered.exitCode()).as(rendered.stderr()).isZero();

        try (TestCluster cluster = TestCluster.start(images, 1)) {
            KubernetesClient client = cluster.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("consortia-master-key").endMetadata()
                    .addToStringData("master-key", Base64.getEncoder().encodeToString(masterKey)).build()).create();
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("consortia-db").endMetadata()
                    .addToStringData("username", dbUser).addToStringData("password", dbPassword).build()).create();

            // applied in the renderer's (Helm's) install order; the API server validates each
            List<HasMetadata> objects = new ArrayList<>();
            for (JsonNode manifest : rendered.manifests()) {
                objects.addAll(client.load(new ByteArrayInputStream(manifest.toString().getBytes(StandardCharsets.UTF_8))).items());
            }
            assertThat(objects).extracting(HasMetadata::getKind)
                    .contains("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "ServiceAccount", "ConfigMap", "Deployment");
            for (HasMetadata object : objects) {
                client.resource(object).create();
            }

            Pod ready = await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> platformPod(client), pod -> pod != null && isReady(pod));
            assertThat(ready.getSpec().getServiceAccountName()).isEqualTo("consortia");
            assertThat(ready.getStatus().getContainerStatuses().get(0).getRestartCount()).as("no restart by a probe").isZero();

            // the platform migrated the external database ...
            try (Connection connection = DriverManager.getConnection(databaseUrl, dbUser, dbPassword);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select count(*) from flyway_schema_history where success")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isPositive();
            }
            // ... and its admin signs in with the password the chart generated into its Secret
            String password = new String(Base64.getDecoder().decode(client.secrets().inNamespace(NAMESPACE)
                    .withName("consortia-admin").get().getData().get("password")), StandardCharsets.UTF_8);
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://" + ready.getStatus().getPodIP() + ":8080/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin", "password", password))))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(JSON.readTree(login.body()).path("token").asText()).startsWith("cst_");
            // the chart turns the KUBERNETES target on with the operator inside the platform: its
            // ClusterRole must be enough for the operator to start (read through pods/log)
            String log = client.pods().inNamespace(NAMESPACE).withName(ready.getMetadata().getName()).getLog();
            assertThat(log).contains("Consortia operator runs inside the platform").doesNotContain("Forbidden");
        }
    }

    private static Pod platformPod(KubernetesClient client) {
        List<Pod> pods = client.pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/name", "consortia-platform").list().getItems();
        return pods.isEmpty() ? null : pods.get(0);
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
