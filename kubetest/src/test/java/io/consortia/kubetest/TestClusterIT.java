package io.consortia.kubetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.kubetest.controlplane.KubeBinaries;
import io.consortia.kubetest.kubelet.ImageCatalog;
import io.consortia.kubetest.storage.TestVolumeProvisioner;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test cluster end to end, with Kubernetes' own controllers: a StatefulSet of two {@link TestServer} Pods with
 * a headless and a ClusterIP Service, a ConfigMap, a Secret and volume claim templates, on three test machines.
 * Needs the binaries of scripts/kube-control-plane; fails (does not skip) without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClusterIT {
    private static final String NS = "kubetest-it";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void startCluster() {
        // a clear failure naming scripts/kube-control-plane when the binaries are missing
        KubeBinaries.locate();
        Path classes = Path.of(TestServer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ImageCatalog catalog = ImageCatalog.builder()
                .image("consortia-test/server", List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                        classes.toString(), TestServer.class.getName()))
                .image("consortia-test/sh", List.of("/bin/sh", "-c"))
                .image("consortia-test/in-cluster", List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        InClusterProbe.class.getName()))
                .build();
        cluster = TestCluster.start(catalog, 3);
        client = cluster.client();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void statefulSetPodsRunReadyOnDistinctMachinesWithTheirVolumes() throws IOException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        // the service account admission plugin refuses Pods until the namespace's token exists
        await().atMost(WAIT).until(() -> {
            var account = client.serviceAccounts().inNamespace(NS).withName("default").get();
            return account != null && !account.getSecrets().isEmpty();
        });
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("web-config")
                .endMetadata().withData(Map.of("app.properties", "dataDir=/var/lib/web\ngreeting=hello\n")).build())
                .create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("web-secret")
                .endMetadata().withStringData(Map.of("token", "s3cret")).build()).create();
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("web-peers")
                .endMetadata().withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true)
                .withSelector(Map.of("app", "web")).addNewPort().withName("http").withPort(8080).endPort().endSpec()
                .build()).create();
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().withSelector(Map.of("app", "web"))
                .addNewPort().withName("http").withPort(8080).withNewTargetPort(8080).endPort().endSpec().build())
                .create();
        client.apps().statefulSets().inNamespace(NS).resource(statefulSet()).create();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String name : List.of("web-0", "web-1")) {
                Pod pod = client.pods().inNamespace(NS).withName(name).get();
                assertThat(pod).as(name).isNotNull();
                assertThat(pod.getStatus().getPhase()).as(name).isEqualTo("Running");
                assertThat(ready(pod)).as(name + " ready").isTrue();
            }
        });
        Pod web0 = client.pods().inNamespace(NS).withName("web-0").get();
        Pod web1 = client.pods().inNamespace(NS).withName("web-1").get();
        assertThat(web0.getStatus().getPodIP()).matches("127\\.0\\.\\d+\\.\\d+").isNotEqualTo(web1.getStatus().getPodIP());
        assertThat(web1.getStatus().getPodIP()).matches("127\\.0\\.\\d+\\.\\d+");
        assertThat(web0.getSpec().getNodeName()).startsWith("machine-").isNotEqualTo(web1.getSpec().getNodeName());
        assertThat(web0.getStatus().getContainerStatuses().get(0).getStarted()).isTrue();
        assertThat(web0.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();

        Set<String> podIps = Set.of(web0.getStatus().getPodIP(), web1.getStatus().getPodIP());
        // EndpointSlices, not v1 Endpoints: the API server refuses loopback addresses in Endpoints
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(endpointIps("web-peers")).isEqualTo(podIps);
            assertThat(endpointIps("web")).isEqualTo(podIps);
        });
        for (String claim : List.of("data-web-0", "data-web-1")) {
            PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(NS).withName(claim).get();
            assertThat(pvc.getStatus().getPhase()).as(claim).isEqualTo("Bound");
            assertThat(pvc.getSpec().getStorageClassName()).isEqualTo(TestVolumeProvisioner.STORAGE_CLASS);
        }

        // the config file named /var/lib/web and the server wrote its data into the claim's volume
        String state = get(web0, "/state");
        assertThat(state).contains("boots=1", "firstBoot=web-0 ", "secret=s3cret", "greeting=hello");
        PersistentVolume volume = client.persistentVolumes().withName(
                client.persistentVolumeClaims().inNamespace(NS).withName("data-web-0").get().getSpec().getVolumeName())
                .get();
        assertThat(Path.of(volume.getSpec().getHostPath().getPath()).resolve("boots")).exists();
        Path secretFile = cluster.kubelet().podDirectory(NS, "web-0").orElseThrow()
                .resolve("rootfs/etc/web/secret/token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("r--------");
    }

    @Test
    @Order(2)
    void aPodResolvesItsPeersAndServicesThroughTheHostsFile() {
        Pod web0 = client.pods().inNamespace(NS).withName("web-0").get();
        Pod web1 = client.pods().inNamespace(NS).withName("web-1").get();
        assertThat(get(web0, "/resolve?name=web-1.web-peers." + NS + ".svc.cluster.local"))
                .isEqualTo(web1.getStatus().getPodIP());
        assertThat(get(web1, "/resolve?name=web-0.web-peers." + NS + ".svc.cluster.local"))
                .isEqualTo(web0.getStatus().getPodIP());
        assertThat(get(web0, "/resolve?name=web-peers." + NS + ".svc.cluster.local").split(","))
                .containsExactlyInAnyOrder(web0.getStatus().getPodIP(), web1.getStatus().getPodIP());
        assertThat(get(web0, "/resolve?name=web." + NS + ".svc"))
                .isIn(web0.getStatus().getPodIP(), web1.getStatus().getPodIP());
        assertThat(get(web0, "/resolve?name=localhost")).isEqualTo("127.0.0.1");

        // this JVM was started with -Djdk.net.hosts.file (see the pom): the kubelet writes that file
        assertThat(cluster.kubelet().hostsFile()).isEqualTo(Path.of(System.getProperty("jdk.net.hosts.file")));
        assertThat(resolve("web-1.web-peers." + NS + ".svc.cluster.local")).isEqualTo(web1.getStatus().getPodIP());
        assertThat(resolve("web-peers." + NS + ".svc")).isIn(web0.getStatus().getPodIP(), web1.getStatus().getPodIP());
    }

    private static String resolve(String name) {
        try {
            return java.net.InetAddress.getByName(name).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(name + " does not resolve", e);
        }
    }

    @Test
    @Order(3)
    void containerLogsAreReadThroughTheApiServer() {
        Pod web0 = client.pods().inNamespace(NS).withName("web-0").get();
        String log = client.pods().inNamespace(NS).withName("web-0").inContainer("server").getLog();
        assertThat(log).contains("serving on " + web0.getStatus().getPodIP() + ":8080 as web-0");
        String lastLine = client.pods().inNamespace(NS).withName("web-0").inContainer("server").tailingLines(1)
                .getLog();
        assertThat(lastLine.strip()).startsWith("serving on").doesNotContain("\n");
    }

    @Test
    @Order(3)
    void kubectlWorksWithTheKubeconfig() throws Exception {
        assertThat(kubectl("get", "nodes", "-o", "name"))
                .contains("node/machine-1", "node/machine-2", "node/machine-3");
        assertThat(kubectl("-n", NS, "get", "pods", "-o", "name")).contains("pod/web-0", "pod/web-1");
        assertThat(kubectl("-n", NS, "logs", "web-1", "-c", "server", "--tail=1")).startsWith("serving on");
    }

    @Test
    @Order(4)
    void aFailingLivenessProbeRestartsTheContainer() throws Exception {
        Pod web1 = client.pods().inNamespace(NS).withName("web-1").get();
        // a followed log (kubectl logs -f) streams what the process writes from then on
        try (LogWatch watch = client.pods().inNamespace(NS).withName("web-1").inContainer("server").tailingLines(1)
                .watchLog()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
            CompletableFuture<String> told = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.contains("told to be sick")) {
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            get(web1, "/sick");
            assertThat(told.get(2, TimeUnit.MINUTES)).isEqualTo("told to be sick");
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("web-1").get();
            assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
            assertThat(ready(pod)).isTrue();
        });
        // same Pod, same address, its second boot on the same volume
        Pod restarted = client.pods().inNamespace(NS).withName("web-1").get();
        assertThat(restarted.getMetadata().getUid()).isEqualTo(web1.getMetadata().getUid());
        assertThat(restarted.getStatus().getPodIP()).isEqualTo(web1.getStatus().getPodIP());
        assertThat(get(restarted, "/state")).contains("boots=2", "firstBoot=web-1 ");
        String previous = client.pods().inNamespace(NS).withName("web-1").inContainer("server").terminated().getLog();
        assertThat(previous).contains("told to be sick");
    }

    @Test
    @Order(5)
    void aDeletedPodIsRecreatedByTheStatefulSetWithItsVolume() {
        Pod old = client.pods().inNamespace(NS).withName("web-0").get();
        String firstBoot = line(get(old, "/state"), "firstBoot=");
        client.pods().inNamespace(NS).withName("web-0").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("web-0").get();
            assertThat(pod).isNotNull();
            assertThat(pod.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
            assertThat(ready(pod)).isTrue();
        });
        Pod recreated = client.pods().inNamespace(NS).withName("web-0").get();
        String state = get(recreated, "/state");
        assertThat(line(state, "firstBoot=")).isEqualTo(firstBoot);
        assertThat(state).contains("boots=2");
        Pod web1 = client.pods().inNamespace(NS).withName("web-1").get();
        assertThat(get(web1, "/resolve?name=web-0.web-peers." + NS + ".svc.cluster.local"))
                .isEqualTo(recreated.getStatus().getPodIP());
    }

    @Test
    @Order(6)
    void initContainersRunFirstAndAPodThatEndsSucceeds() {
        client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("once").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewInitContainer().withName("prepare").withImage("consortia-test/sh")
                .withArgs("echo prepared by $(WHO) > /work/note").addNewEnv().withName("WHO").withValue("init")
                .endEnv().addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
                .endInitContainer()
                .addNewContainer().withName("main").withImage("consortia-test/sh").withArgs("cat /work/note")
                .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount().endContainer()
                .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build()).create();
        client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("unknown-image").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example/nowhere:1").endContainer()
                .endSpec().build()).create();

        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("once").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                    .isZero();
        });
        assertThat(client.pods().inNamespace(NS).withName("once").inContainer("main").getLog())
                .isEqualTo("prepared by init\n");
        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("unknown-image").get();
            // until the kubelet reports the container, there is no status (or no waiting state) to read yet
            assertThat(pod.getStatus().getContainerStatuses()).isNotEmpty();
            var waiting = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting();
            assertThat(waiting).isNotNull();
            assertThat(waiting.getReason()).isEqualTo("ErrImagePull");
            assertThat(waiting.getMessage()).contains("example/nowhere:1", "consortia-test/server");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        });
    }

    @Test
    @Order(7)
    void aProcessConfiguresItsClientInClusterFromTheServiceAccount() {
        client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("in-cluster").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("consortia-test/in-cluster").endContainer()
                .endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("in-cluster").get()
                .getStatus().getPhase()).isIn("Succeeded", "Failed"));
        String log = client.pods().inNamespace(NS).withName("in-cluster").getLog();
        assertThat(client.pods().inNamespace(NS).withName("in-cluster").get().getStatus().getPhase()).as(log)
                .isEqualTo("Succeeded");
        assertThat(log).contains("in-cluster master " + cluster.controlPlane().apiServerUrl() + "/ namespace " + NS
                + " version v1.20.2");
    }

    @Test
    @Order(8)
    void deletingTheNamespaceRemovesEverythingInIt() {
        List<String> volumes = client.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .map(pvc -> pvc.getSpec().getVolumeName()).toList();
        assertThat(volumes).hasSize(2);
        List<Path> volumeDirs = volumes.stream().map(v -> Path.of(client.persistentVolumes().withName(v).get()
                .getSpec().getHostPath().getPath())).toList();
        client.namespaces().withName(NS).delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.namespaces().withName(NS).get()).isNull();
            for (String volume : volumes) {
                assertThat(client.persistentVolumes().withName(volume).get()).as(volume).isNull();
            }
        });
        assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(volumeDirs).allSatisfy(dir -> assertThat(dir).doesNotExist()));
    }

    private static StatefulSet statefulSet() {
        return new StatefulSetBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withServiceName("web-peers")
                .withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(5L)
                .withNewAffinity().withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey("kubernetes.io/hostname").withNewLabelSelector()
                .withMatchLabels(Map.of("app", "web")).endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
                .addNewContainer()
                .withName("server")
                .withImage("consortia-test/server:1.0")
                .withArgs("--config", "/etc/web/config/app.properties", "--secret", "/etc/web/secret/token",
                        "--port", "$(PORT)")
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/health").withNewPort("http").endHttpGet()
                .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
                // a JVM boots slowly on a loaded machine: the startup probe holds the liveness probe back until
                // the first answer, so only a server told to be sick is restarted, never a slow one
                .withNewStartupProbe().withNewHttpGet().withPath("/health").withNewPort(8080).endHttpGet()
                .withPeriodSeconds(1).withTimeoutSeconds(5).withFailureThreshold(300).endStartupProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/health").withNewPort(8080).endHttpGet()
                .withPeriodSeconds(1).withTimeoutSeconds(5).withFailureThreshold(2).endLivenessProbe()
                .addNewVolumeMount().withName("config").withMountPath("/etc/web/config").endVolumeMount()
                .addNewVolumeMount().withName("secret").withMountPath("/etc/web/secret").endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/web").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("web-config").endConfigMap().endVolume()
                .addNewVolume().withName("secret").withNewSecret().withSecretName("web-secret").withDefaultMode(0400)
                .endSecret().endVolume()
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new Quantity("10Mi"))).endResources().endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }

    private static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(PodCondition::getStatus).anyMatch("True"::equals);
    }

    /** The ready addresses of a Service's EndpointSlices. */
    private static Set<String> endpointIps(String service) {
        return client.discovery().v1beta1().endpointSlices().inNamespace(NS)
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .filter(slice -> slice.getEndpoints() != null).flatMap(slice -> slice.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .flatMap(e -> e.getAddresses().stream()).collect(Collectors.toSet());
    }

    private static String get(Pod pod, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://" + pod.getStatus().getPodIP() + ":8080" + path)).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return response.body().strip();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on " + pod.getMetadata().getName() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(cluster.controlPlane().kubectl().toString(),
                "--kubeconfig", cluster.controlPlane().kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("kubectl " + String.join(" ", args) + ": " + output).isZero();
        return output.strip();
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
