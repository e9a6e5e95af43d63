package io.consortia.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.kubetest.TestCluster;
import io.consortia.kubetest.controlplane.KubeBinaries;
import io.consortia.kubetest.kubelet.ImageCatalog;
import io.consortia.kubetest.storage.TestVolumeProvisioner;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.api.Phase;
import io.consortia.operator.api.StorageSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.reconcile.PdbVersions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator against a real Kubernetes 1.20 control plane (kubetest): Kubernetes' own StatefulSet,
 * garbage-collector and namespace controllers, and the test kubelet running every node as a real
 * NodeMain process from the node.yaml the operator wrote. Needs the binaries of
 * scripts/kube-control-plane; fails (does not skip) without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIT {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String NS = "consortia-it";

    private static TestCluster cluster;
    private static KubernetesClient client;
    private static ConsortiaOperator operator;
    private static TestNetworks.Fixture fixture;

    @BeforeAll
    static void start() {
        KubeBinaries.locate();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ImageCatalog catalog = ImageCatalog.builder()
                .image("consortia/node", List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), "io.consortia.node.NodeMain"))
                .build();
        cluster = TestCluster.start(catalog, 3);
        client = cluster.client();
        ConsortiaOperator.installCrd(client);
        operator = ConsortiaOperator.start(client, ConsortiaOperator.Settings.defaults()
                .withResync(Duration.ofSeconds(10)));
        fixture = TestNetworks.network("it", 2, 1);
        fixture.network().getSpec().setStorage(new StorageSpec(TestVolumeProvisioner.STORAGE_CLASS, "64Mi"));
        fixture.network().getMetadata().setUid(null);
        fixture.network().getMetadata().setGeneration(null);
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ConsortiaNetwork network() {
        return client.resources(ConsortiaNetwork.class).withName("it").get();
    }

    @Test
    @Order(1)
    void networkComesUpWithRealNodesAndTheStatusFollows() {
        assertThat(PdbVersions.detect(client)).isEqualTo(PdbVersion.POLICY_V1BETA1); // Kubernetes 1.20
        client.resource(fixture.network()).create();
        // the platform's part: the keys Secrets, into the namespace the operator created
        await().atMost(WAIT).until(() -> client.namespaces().withName(NS).get() != null);
        for (Secret secret : fixture.secrets()) {
            secret.getMetadata().setNamespace(NS);
            client.resource(secret).create();
        }

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            ConsortiaNetworkStatus status = network().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getPhase()).as(status.toString()).isEqualTo(Phase.Ready);
        });
        ConsortiaNetworkStatus status = network().getStatus();
        assertThat(status.getReadyNodes()).isEqualTo("2/2");
        assertThat(status.getObservedGeneration()).isEqualTo(network().getMetadata().getGeneration());
        assertThat(status.condition(ConsortiaNetworkStatus.SECRETS_AVAILABLE).getStatus()).isEqualTo("True");
        assertThat(status.getNodes()).allSatisfy(n -> {
            assertThat(n.isReady()).isTrue();
            assertThat(n.getPodIP()).startsWith("127.");
            assertThat(n.getMessage()).as("health read from the node").isNull();
        });
        assertThat(client.policy().v1beta1().podDisruptionBudget().inNamespace(NS).list().getItems()).hasSize(2);
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(2)
                .allSatisfy(pvc -> assertThat(pvc.getStatus().getPhase()).isEqualTo("Bound"));
        assertThat(client.configMaps().inNamespace(NS).list().getItems().toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @Order(2)
    void reconcilingAgainMovesNoResourceVersion() {
        Map<String, String> before = resourceVersions();
        long reconciliations = operator.metrics().reconciliations();

        // at least two more passes of the operator (10 s resync, plus pod and status events)
        await().atMost(WAIT).until(() -> operator.metrics().reconciliations() >= reconciliations + 2);

        assertThat(resourceVersions()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aDeletedServiceAndAnEditedStatefulSetAreRepaired() {
        String uid = client.services().inNamespace(NS).withName("org2").get().getMetadata().getUid();
        client.services().inNamespace(NS).withName("org2").delete();
        client.apps().statefulSets().inNamespace(NS).withName("org1").edit(sts -> {
            sts.getSpec().getTemplate().getSpec().getContainers().get(0).setImagePullPolicy("Always");
            sts.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("--config", "/tmp/other.yaml"));
            return sts;
        });

        await().atMost(WAIT).untilAsserted(() -> {
            var service = client.services().inNamespace(NS).withName("org2").get();
            assertThat(service).isNotNull();
            assertThat(service.getMetadata().getUid()).isNotEqualTo(uid);
            StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("org1").get();
            assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                    .containsExactly("--config", "/etc/consortia/config/$(POD_NAME).yaml");
        });
        // the events are recorded just after the objects are written: wait for them too
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> events = client.v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> "it".equals(e.getInvolvedObject().getName()))
                    .map(e -> e.getReason() + " " + e.getMessage()).toList();
            assertThat(events).contains("Created Created Service consortia-it/org2");
            // a restored pod template is a rollout: the note says so when this pass started it (the staged
            // rollout starts it at once or after the others settled, as the cluster's status comes in)
            assertThat(events).anyMatch(e -> e.equals("Repaired Restored the fields the operator owns in StatefulSet "
                    + "consortia-it/org1") || e.startsWith("Repaired Restored the fields the operator owns in "
                    + "StatefulSet consortia-it/org1: its new pod template rolls out now"));
        });
    }

    @Test
    @Order(4)
    void deletingTheNetworkRemovesItsNamespaceAndEverythingInIt() {
        client.resources(ConsortiaNetwork.class).withName("it").delete();

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.namespaces().withName(NS).get() == null);
        assertThat(client.pods().inAnyNamespace().withLabel(Labels.NETWORK, "it").list().getItems()).isEmpty();
    }

    private static Map<String, String> resourceVersions() {
        Map<String, String> versions = new TreeMap<>();
        Stream.<List<? extends HasMetadata>>of(
                        List.of(client.namespaces().withName(NS).get()),
                        client.configMaps().inNamespace(NS).withLabel(Labels.NETWORK, "it").list().getItems(),
                        client.services().inNamespace(NS).list().getItems(),
                        client.apps().statefulSets().inNamespace(NS).list().getItems(),
                        client.policy().v1beta1().podDisruptionBudget().inNamespace(NS).list().getItems(),
                        client.network().v1().networkPolicies().inNamespace(NS).list().getItems())
                .flatMap(List::stream)
                .forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                        o.getMetadata().getResourceVersion()));
        return versions;
    }
}
