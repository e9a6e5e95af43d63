package io.consortia.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart deploy/helm/consortia rendered as `helm template` renders it (ChartRenderer: Helm's
 * engine built from Debian's Go packages), with its defaults and with the values of a platform
 * team that brings its own database and master key; then the objects checked one by one.
 */
class HelmChartIT {
    private static final String RELEASE = "demo";
    private static final String NAMESPACE = "consortia";
    private static final String FULLNAME = "demo-consortia";

    private final ChartRenderer renderer = new ChartRenderer();

    @TempDir
    Path work;

    @Test
    void defaultsRenderThePlatformWithBundledDatabaseGeneratedSecretsAndEmbeddedOperator() throws Exception {
        ChartRenderer.Result result = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        assertThat(kindsAndNames(result)).containsExactlyInAnyOrder(
                "CustomResourceDefinition/consortianetworks.consortia.io",
                "ServiceAccount/" + FULLNAME,
                "Secret/" + FULLNAME + "-master-key", "Secret/" + FULLNAME + "-admin", "Secret/" + FULLNAME + "-postgresql",
                "Secret/" + FULLNAME + "-metrics",
                "ConfigMap/" + FULLNAME + "-config",
                "ClusterRole/" + FULLNAME, "ClusterRoleBinding/" + FULLNAME,
                "Service/" + FULLNAME + "-platform", "Service/" + FULLNAME + "-postgresql",
                "Deployment/" + FULLNAME + "-platform", "StatefulSet/" + FULLNAME + "-postgresql");
        assertThat(name(result.manifests().get(0))).as("CRDs come first")
                .isEqualTo("CustomResourceDefinition/consortianetworks.consortia.io");
        for (JsonNode m : result.manifests()) {
            if (!m.path("kind").asText().startsWith("Cluster") && !m.path("kind").asText().equals("CustomResourceDefinition")) {
                assertThat(m.path("metadata").path("namespace").asText()).as(name(m)).isEqualTo(NAMESPACE);
            }
        }

        // generated secrets: a 32-byte master key, kept by Helm on uninstall
        JsonNode masterKey = result.one("Secret", FULLNAME + "-master-key");
        assertThat(Base64.getDecoder().decode(decode(masterKey.path("data").path("master-key").asText()))).hasSize(32);
        assertThat(masterKey.path("metadata").path("annotations").path("helm.sh/resource-policy").asText()).isEqualTo("keep");
        assertThat(decode(result.one("Secret", FULLNAME + "-admin").path("data").path("password").asText())).hasSizeGreaterThanOrEqualTo(16);
        // the platform's metrics name every consortium: Prometheus scrapes them with a generated token
        assertThat(decode(result.one("Secret", FULLNAME + "-metrics").path("data").path("scrape-token").asText()))
                .hasSizeGreaterThanOrEqualTo(16);
        assertThat(secretRef(platformContainer(result), "CONSORTIA_METRICS_SCRAPE_TOKEN"))
                .isEqualTo(FULLNAME + "-metrics/scrape-token");

        JsonNode container = platformContainer(result);
        assertThat(container.path("image").asText()).isEqualTo("consortia/platform:0.1.0");
        assertThat(secretRef(container, "CONSORTIA_MASTER_KEY")).isEqualTo(FULLNAME + "-master-key/master-key");
        assertThat(secretRef(container, "CONSORTIA_INITIAL_ADMIN_PASSWORD")).isEqualTo(FULLNAME + "-admin/password");
        assertThat(secretRef(container, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(FULLNAME + "-postgresql/password");
        assertThat(envValue(container, "SPRING_DATASOURCE_USERNAME")).isEqualTo("consortia");
        assertThat(secretRef(result.one("StatefulSet", FULLNAME + "-postgresql").path("spec").path("template").path("spec")
                .path("containers").get(0), "POSTGRES_PASSWORD")).isEqualTo(FULLNAME + "-postgresql/password");

        JsonNode config = result.one("ConfigMap", FULLNAME + "-config").path("data");
        assertThat(config.path("SPRING_DATASOURCE_URL").asText())
                .isEqualTo("jdbc:postgresql://demo-consortia-postgresql.consortia.svc:5432/consortia");
        assertThat(config.path("CONSORTIA_KUBERNETES_ENABLED").asText()).isEqualTo("true");
        assertThat(config.path("CONSORTIA_KUBERNETES_OPERATOR_ENABLED").asText()).isEqualTo("true");
        assertThat(config.path("CONSORTIA_KUBERNETES_NODE_IMAGE").asText()).isEqualTo("consortia/node:0.1.0");
        assertThat(container.path("envFrom").get(0).path("configMapRef").path("name").asText()).isEqualTo(FULLNAME + "-config");

        assertProbesAndNonRoot(result);
        assertRbacIsExplicit(result);
        assertNoSecretValueInAnyConfigMap(result);
        assertThat(result.one("Service", FULLNAME + "-platform").path("spec").path("selector").path("app.kubernetes.io/name").asText())
                .isEqualTo("consortia-platform");
    }

    @Test
    void theChartShipsTheCrdTheOperatorGenerates() throws Exception {
        Path generated = Path.of(System.getProperty("consortia.operator.crds", "../operator/src/main/resources/crds"));
        Path shipped = Path.of(System.getProperty("consortia.helm.chart", "helm/consortia")).resolve("crds");
        List<String> names;
        try (var files = Files.list(generated)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(names).contains("consortianetworks.consortia.io-v1.yml");
        try (var files = Files.list(shipped)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .as("the chart's crds/ (copy them from the operator module)").isEqualTo(names);
        }
        for (String name : names) {
            assertThat(Files.readString(shipped.resolve(name))).as(name + " in the chart differs from the operator's: copy it again")
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
        JsonNode crd = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of())
                .one("CustomResourceDefinition", "consortianetworks.consortia.io");
        assertThat(crd.path("spec").path("scope").asText()).isEqualTo("Cluster");
        assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo("ConsortiaNetwork");
    }

    @Test
    void externalDatabaseAndExistingMasterKeySecretReplaceTheBundledOnes() throws Exception {
        Path values = work.resolve("external.yaml");
        Files.writeString(values, """
                database:
                  bundled:
                    enabled: false
                  external:
                    url: jdbc:postgresql://db.example.internal:5432/consortia
                    existingSecret: consortia-db
                    usernameKey: user
                    passwordKey: pass
                masterKey:
                  existingSecret: consortia-master-key
                  existingSecretKey: key
                storageClassName: fast-ssd
                """, StandardCharsets.UTF_8);
        ChartRenderer.Result result = renderer.render(RELEASE, NAMESPACE, List.of(values), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        assertThat(kindsAndNames(result)).containsExactlyInAnyOrder(
                "CustomResourceDefinition/consortianetworks.consortia.io",
                "ServiceAccount/" + FULLNAME, "Secret/" + FULLNAME + "-admin", "Secret/" + FULLNAME + "-metrics",
                "ConfigMap/" + FULLNAME + "-config",
                "ClusterRole/" + FULLNAME, "ClusterRoleBinding/" + FULLNAME,
                "Service/" + FULLNAME + "-platform", "Deployment/" + FULLNAME + "-platform");

        JsonNode container = platformContainer(result);
        assertThat(secretRef(container, "CONSORTIA_MASTER_KEY")).isEqualTo("consortia-master-key/key");
        assertThat(secretRef(container, "SPRING_DATASOURCE_USERNAME")).isEqualTo("consortia-db/user");
        assertThat(secretRef(container, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("consortia-db/pass");
        JsonNode config = result.one("ConfigMap", FULLNAME + "-config").path("data");
        assertThat(config.path("SPRING_DATASOURCE_URL").asText()).isEqualTo("jdbc:postgresql://db.example.internal:5432/consortia");
        assertThat(config.path("CONSORTIA_KUBERNETES_STORAGE_CLASS").asText()).isEqualTo("fast-ssd");

        assertProbesAndNonRoot(result);
        assertRbacIsExplicit(result);
        assertNoSecretValueInAnyConfigMap(result);
    }

    @Test
    void bundledDatabaseVolumeUsesTheStorageClassAndIngressIsOptional() throws Exception {
        ChartRenderer.Result result = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of(
                "storageClassName", "fast-ssd", "ingress.enabled", "true", "ingress.host", "consortia.example.com",
                "ingress.className", "nginx"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode claim = result.one("StatefulSet", FULLNAME + "-postgresql").path("spec").path("volumeClaimTemplates").get(0);
        assertThat(claim.path("spec").path("storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText()).isEqualTo("8Gi");

        JsonNode ingress = result.one("Ingress", FULLNAME + "-platform");
        assertThat(ingress.path("spec").path("ingressClassName").asText()).isEqualTo("nginx");
        JsonNode rule = ingress.path("spec").path("rules").get(0);
        assertThat(rule.path("host").asText()).isEqualTo("consortia.example.com");
        assertThat(rule.path("http").path("paths").get(0).path("backend").path("service").path("name").asText())
                .isEqualTo(FULLNAME + "-platform");
        // behind the controller, the client is X-Forwarded-For's (a tester: one address for all, throttled at once)
        assertThat(result.one("ConfigMap", FULLNAME + "-config").path("data").path("SERVER_FORWARD_HEADERS_STRATEGY")
                .asText()).isEqualTo("native");
        ChartRenderer.Result direct = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of());
        assertThat(direct.one("ConfigMap", FULLNAME + "-config").path("data").has("SERVER_FORWARD_HEADERS_STRATEGY"))
                .as("without an ingress no header is trusted").isFalse();
    }

    @Test
    void standaloneOperatorRunsInItsOwnDeploymentAndThePlatformDoesNotEmbedIt() throws Exception {
        ChartRenderer.Result result = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of("operator.mode", "standalone"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode operator = result.one("Deployment", FULLNAME + "-operator");
        JsonNode spec = operator.path("spec").path("template").path("spec");
        // the operator runs under an account of its own, with the operator's rules
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo(FULLNAME + "-operator");
        assertThat(result.one("ServiceAccount", FULLNAME + "-operator").path("metadata").path("namespace").asText())
                .isEqualTo(NAMESPACE);
        assertThat(result.one("ClusterRoleBinding", FULLNAME + "-operator").path("subjects").get(0).path("name").asText())
                .isEqualTo(FULLNAME + "-operator");
        assertThat(verbsByResource(result.one("ClusterRole", FULLNAME + "-operator")).get("/namespaces"))
                .contains("create", "delete");
        // the platform's account, the one that faces users, gets only what the platform calls: a compromised
        // platform can no longer start workloads, change Services or NetworkPolicies, or delete namespaces
        Map<String, Set<String>> platform = verbsByResource(result.one("ClusterRole", FULLNAME));
        assertThat(platform.keySet()).containsExactlyInAnyOrder("consortia.io/consortianetworks", "/namespaces",
                "/secrets", "/persistentvolumeclaims", "/pods", "/pods/log", "/events", "apps/statefulsets",
                "/configmaps", "storage.k8s.io/storageclasses");
        assertThat(platform.get("/namespaces")).containsExactly("get");
        assertThat(platform.get("storage.k8s.io/storageclasses")).containsExactly("get");
        assertThat(platform.get("apps/statefulsets")).containsExactly("get");
        assertThat(platform.get("/configmaps")).containsExactly("get");
        assertThat(platform.get("/persistentvolumeclaims")).containsExactly("delete");
        assertThat(result.one("ClusterRoleBinding", FULLNAME).path("subjects").get(0).path("name").asText())
                .isEqualTo(FULLNAME);
        assertThat(texts(spec.path("containers").get(0).path("command"))).contains("io.consortia.operator.OperatorMain");
        assertThat(texts(spec.path("containers").get(0).path("args"))).containsExactly("--http-port", "8080", "--resync-seconds", "30");
        assertThat(spec.path("containers").get(0).path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(spec.path("containers").get(0).path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(spec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(result.one("ConfigMap", FULLNAME + "-config").path("data").path("CONSORTIA_KUBERNETES_OPERATOR_ENABLED").asText())
                .isEqualTo("false");
        assertThat(renderer.render(RELEASE, NAMESPACE, List.of(), Map.of()).ofKind("Deployment")).hasSize(1);
    }

    @Test
    void missingOrWrongValuesFailTheRenderingWithTheValueNamed() throws Exception {
        ChartRenderer.Result noUrl = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of("database.bundled.enabled", "false"));
        assertThat(noUrl.exitCode()).isNotZero();
        assertThat(noUrl.stderr()).contains("database.external.url is required");

        ChartRenderer.Result noSecret = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of(
                "database.bundled.enabled", "false", "database.external.url", "jdbc:postgresql://db:5432/c"));
        assertThat(noSecret.exitCode()).isNotZero();
        assertThat(noSecret.stderr()).contains("database.external.existingSecret is required");

        ChartRenderer.Result badMode = renderer.render(RELEASE, NAMESPACE, List.of(), Map.of("operator.mode", "sidecar"));
        assertThat(badMode.exitCode()).isNotZero();
        assertThat(badMode.stderr()).contains("operator.mode must be embedded or standalone");
    }

    @Test
    void everyValueIsDocumentedInValuesYaml() throws Exception {
        Path values = Path.of(System.getProperty("consortia.helm.chart", "helm/consortia")).resolve("values.yaml");
        assertThat(ValuesDocumentation.undocumented(Files.readString(values))).isEmpty();
        // the check itself: a value without a comment, and one whose comment a blank line cuts off
        assertThat(ValuesDocumentation.undocumented("# -- described\na: 1\nb: 2\n\nc: 3\nmap:\n  d: 4\n"))
                .containsExactly("line 5: c: 3", "line 7: d: 4");
    }

    @Test
    void rendererRejectsWhatTheApiServerWouldAndMergesValuesAsHelmDoes() throws Exception {
        Path chart = work.resolve("fixture");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: fixture\nversion: 1.0.0\nappVersion: \"2.0\"\n");
        Files.writeString(chart.resolve("values.yaml"), "a:\n  b: 1\n  c: keep\nlist: [x]\n");
        Files.writeString(chart.resolve("templates/_helpers.tpl"), "{{- define \"fixture.name\" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n");
        Files.writeString(chart.resolve("templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ include "fixture.name" . }}
                  namespace: {{ .Release.Namespace }}
                data:
                  b: {{ .Values.a.b | quote }}
                  c: {{ .Values.a.c | quote }}
                  typed: {{ kindOf .Values.a.b | quote }}
                  app: {{ .Chart.AppVersion | quote }}
                  missing: "{{ .Values.nothing }}"
                {{- if .Values.duplicate }}
                  b: again
                {{- end }}
                """);
        ChartRenderer fixture = new ChartRenderer(chart);

        ChartRenderer.Result merged = fixture.render("r", "ns", List.of(), Map.of("a.b", "7"));
        assertThat(merged.exitCode()).as(merged.stderr()).isZero();
        JsonNode data = merged.one("ConfigMap", "r-fixture").path("data");
        assertThat(data.path("b").asText()).isEqualTo("7");
        assertThat(data.path("typed").asText()).as("--set types integers as Helm does").isEqualTo("int64");
        assertThat(data.path("c").asText()).as("maps are merged, not replaced").isEqualTo("keep");
        assertThat(data.path("app").asText()).isEqualTo("2.0");
        assertThat(data.path("missing").asText()).as("a missing value renders empty, as in Helm").isEmpty();
        assertThat(merged.one("ConfigMap", "r-fixture").path("metadata").path("namespace").asText()).isEqualTo("ns");

        ChartRenderer.Result duplicate = fixture.render("r", "ns", List.of(), Map.of("duplicate", "true"));
        assertThat(duplicate.exitCode()).isNotZero();
        assertThat(duplicate.stderr()).contains("fixture/templates/cm.yaml").contains("already set");
    }

    private static void assertProbesAndNonRoot(ChartRenderer.Result result) {
        JsonNode pod = result.one("Deployment", FULLNAME + "-platform").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(FULLNAME);
    }

    /** A role's verbs by "group/resource"; no rule may name a wildcard. */
    private static Map<String, Set<String>> verbsByResource(JsonNode role) {
        Map<String, Set<String>> verbsByResource = new LinkedHashMap<>();
        for (JsonNode rule : role.path("rules")) {
            for (String field : List.of("apiGroups", "resources", "verbs")) {
                assertThat(texts(rule.path(field))).as(field + " of " + rule).isNotEmpty().doesNotContain("*");
            }
            for (String group : texts(rule.path("apiGroups"))) {
                for (String resource : texts(rule.path("resources"))) {
                    verbsByResource.computeIfAbsent(group + "/" + resource, k -> new HashSet<>()).addAll(texts(rule.path("verbs")));
                }
            }
        }
        return verbsByResource;
    }

    private static void assertRbacIsExplicit(ChartRenderer.Result result) {
        JsonNode role = result.one("ClusterRole", FULLNAME);
        Map<String, Set<String>> verbsByResource = verbsByResource(role);
        assertThat(verbsByResource.keySet()).containsExactlyInAnyOrder(
                "apiextensions.k8s.io/customresourcedefinitions",
                "consortia.io/consortianetworks", "consortia.io/consortianetworks/status", "consortia.io/consortianetworks/finalizers",
                "/namespaces", "apps/statefulsets", "/services", "/configmaps", "/secrets", "/persistentvolumeclaims",
                "policy/poddisruptionbudgets", "networking.k8s.io/networkpolicies", "/pods", "/pods/log", "/events",
                "events.k8s.io/events", "storage.k8s.io/storageclasses");
        assertThat(verbsByResource.get("/pods/log")).containsExactly("get");
        // the storage-class check before a deployment: read one class, never change the cluster's storage
        assertThat(verbsByResource.get("storage.k8s.io/storageclasses")).containsExactly("get");
        // the CRD is the chart's: the platform may read that one definition, never change CRDs
        assertThat(verbsByResource.get("apiextensions.k8s.io/customresourcedefinitions")).containsExactly("get");
        JsonNode crdRule = null;
        for (JsonNode rule : role.path("rules")) {
            if (texts(rule.path("resources")).contains("customresourcedefinitions")) {
                crdRule = rule;
            }
        }
        assertThat(texts(crdRule.path("resourceNames"))).containsExactly("consortianetworks.consortia.io");
        assertThat(verbsByResource.get("/secrets")).contains("create", "get").doesNotContain("escalate", "bind", "impersonate");
        JsonNode binding = result.one("ClusterRoleBinding", FULLNAME);
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(FULLNAME);
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(FULLNAME);
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(NAMESPACE);
    }

    /** Every value of every rendered Secret, decoded, is absent from every ConfigMap. */
    private static void assertNoSecretValueInAnyConfigMap(ChartRenderer.Result result) {
        List<String> secretValues = new ArrayList<>();
        for (JsonNode secret : result.ofKind("Secret")) {
            secret.path("data").forEach(v -> secretValues.add(decode(v.asText())));
            secret.path("stringData").forEach(v -> secretValues.add(v.asText()));
        }
        assertThat(result.ofKind("ConfigMap")).isNotEmpty();
        for (JsonNode configMap : result.ofKind("ConfigMap")) {
            String text = configMap.toString();
            for (String value : secretValues) {
                assertThat(value).isNotBlank();
                assertThat(text).as(name(configMap) + " holds a secret value").doesNotContain(value);
            }
            assertThat(StreamSupport.stream(configMap.path("data").spliterator(), false).map(JsonNode::asText))
                    .noneMatch(v -> v.contains("PRIVATE KEY") || v.toLowerCase().contains("password="));
        }
    }

    private static JsonNode platformContainer(ChartRenderer.Result result) {
        return result.one("Deployment", FULLNAME + "-platform").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }

    private static String envValue(JsonNode container, String name) {
        return env(container, name).path("value").asText();
    }

    /** "secret/key" of an env var read from a Secret. */
    private static String secretRef(JsonNode container, String name) {
        JsonNode ref = env(container, name).path("valueFrom").path("secretKeyRef");
        assertThat(ref.isMissingNode()).as(name + " comes from a Secret").isFalse();
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }

    private static List<String> kindsAndNames(ChartRenderer.Result result) {
        return result.manifests().stream().map(HelmChartIT::name).toList();
    }

    private static String name(JsonNode manifest) {
        return manifest.path("kind").asText() + "/" + manifest.path("metadata").path("name").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
