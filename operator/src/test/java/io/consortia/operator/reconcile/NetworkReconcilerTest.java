package io.consortia.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.operator.TestNetworks;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.api.NetworkNodeStatus;
import io.consortia.operator.api.NodeChannelStatus;
import io.consortia.operator.api.Phase;
import io.consortia.operator.desired.Labels;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.status.NodeHealth;
import io.consortia.operator.status.NodeHealthReader;
import io.consortia.operator.status.NodeStatusCollector;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NetworkReconcilerTest {
    private static final String NS = "consortia-acme";
    KubernetesClient client;

    private final Map<String, NodeHealth> health = new ConcurrentHashMap<>();
    private final NodeHealthReader fakeHealth = (host, port) -> {
        NodeHealth h = health.get(host + ":" + port);
        if (h == null) {
            throw new NodeHealthReader.HealthUnavailableException("/health unreachable: connection refused");
        }
        return h;
    };
    private ExecutorService executor;
    private RecordingEvents events;
    private NetworkReconciler reconciler;
    private TestNetworks.Fixture fixture;
    private PrometheusRegistry registry;

    @BeforeEach
    void setUp() {
        executor = Executors.newFixedThreadPool(2);
        events = new RecordingEvents(new KubernetesEventRecorder(client));
        registry = new PrometheusRegistry();
        reconciler = new NetworkReconciler(client, () -> PdbVersion.POLICY_V1BETA1,
                new NodeStatusCollector(client, fakeHealth, executor), events,
                new OperatorMetrics(registry), Clock.systemUTC());
        fixture = TestNetworks.network("acme", 3, 1);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private ConsortiaNetwork create(ConsortiaNetwork network) {
        return client.resource(network).create();
    }

    private void writeSecrets() {
        for (Secret secret : fixture.secrets()) {
            client.resource(secret).create();
        }
    }

    /** Reconciles and writes the status the way the framework does (only when it changed). */
    private ConsortiaNetwork reconcile(String name) {
        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName(name).get();
        ConsortiaNetworkStatus status = reconciler.reconcile(network);
        if (!status.equals(network.getStatus())) {
            network.setStatus(status);
            client.resource(network).updateStatus();
        }
        return client.resources(ConsortiaNetwork.class).withName(name).get();
    }

    private Map<String, String> resourceVersions() {
        Map<String, String> versions = new TreeMap<>();
        Stream.<List<? extends HasMetadata>>of(
                        client.namespaces().withLabel(Labels.NETWORK, "acme").list().getItems(),
                        client.configMaps().inNamespace(NS).list().getItems(),
                        client.services().inNamespace(NS).list().getItems(),
                        client.apps().statefulSets().inNamespace(NS).list().getItems(),
                        client.policy().v1beta1().podDisruptionBudget().inNamespace(NS).list().getItems(),
                        client.network().v1().networkPolicies().inNamespace(NS).list().getItems(),
                        client.resources(ConsortiaNetwork.class).list().getItems())
                .flatMap(List::stream)
                .forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        return versions;
    }

    @Test
    void reconcilingTwiceCreatesOnceAndThenWritesNothing() {
        create(fixture.network());
        writeSecrets();

        ConsortiaNetwork first = reconcile("acme");
        Map<String, String> afterFirst = resourceVersions();
        assertThat(afterFirst).hasSize(1 + 3 * 6 + 1);
        assertThat(events.reasons("Created")).hasSize(19);
        assertThat(first.getStatus().getObservedGeneration()).isEqualTo(first.getMetadata().getGeneration());
        assertThat(first.getStatus().condition(ConsortiaNetworkStatus.RECONCILED).getReason()).isEqualTo("Applied");

        events.clear();
        ConsortiaNetwork second = reconcile("acme");

        assertThat(resourceVersions()).as("no object (and not the network) was written").isEqualTo(afterFirst);
        assertThat(events.events).isEmpty();
        assertThat(second.getStatus()).isEqualTo(first.getStatus());
    }

    @Test
    void driftIsRepairedAndFieldsThatAreNotOursAreKept() {
        create(fixture.network());
        writeSecrets();
        reconcile("acme");
        events.clear();

        client.services().inNamespace(NS).withName("org2").delete();
        StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("org1").get();
        sts.getSpec().setReplicas(5);
        sts.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/node:latest");
        sts.getSpec().getTemplate().getSpec().getVolumes().removeIf(v -> v.getName().equals("keys"));
        sts.getMetadata().getAnnotations().put("team.example.com/owner", "ops"); // not ours: stays
        client.resource(sts).update();
        client.configMaps().inNamespace(NS).withName("org3-config")
                .edit(cm -> { cm.getData().put("org3-0.yaml", "nodeId: tampered\n"); return cm; });
        Map<String, String> before = resourceVersions();

        reconcile("acme");

        assertThat(client.services().inNamespace(NS).withName("org2").get()).isNotNull();
        StatefulSet repaired = client.apps().statefulSets().inNamespace(NS).withName("org1").get();
        assertThat(repaired.getSpec().getReplicas()).isEqualTo(1);
        assertThat(repaired.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("consortia/node:0.1.0");
        assertThat(repaired.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
                .containsExactly("config", "keys");
        assertThat(repaired.getMetadata().getAnnotations()).containsEntry("team.example.com/owner", "ops");
        assertThat(client.configMaps().inNamespace(NS).withName("org3-config").get().getData().get("org3-0.yaml"))
                .contains("nodeId: \"org3-0\"");
        assertThat(events.reasons("Created")).extracting(RecordingEvents.Recorded::message)
                .containsExactly("Created Service consortia-acme/org2");
        assertThat(events.reasons("Repaired")).extracting(RecordingEvents.Recorded::message).containsExactlyInAnyOrder(
                "Restored the fields the operator owns in ConfigMap consortia-acme/org3-config",
                "Restored the fields the operator owns in StatefulSet consortia-acme/org1: its new pod template rolls"
                        + " out now, one organisation at a time");
        Map<String, String> after = resourceVersions();
        after.keySet().stream().filter(k -> !k.equals("Service/org2") && !k.equals("StatefulSet/org1")
                        && !k.equals("ConfigMap/org3-config"))
                .forEach(k -> assertThat(after.get(k)).as(k + " untouched").isEqualTo(before.get(k)));
    }

    @Test
    void anOrganisationThatLeftHasItsObjectsDeletedButNotItsSecret() {
        fixture.secrets().get(2).getMetadata().setLabels(Labels.organization("acme", "org3"));
        create(fixture.network());
        writeSecrets();
        // not the departed organisation's: another network's, and one of this network without an organisation
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("beta-org3-config").withNamespace(NS)
                .withLabels(Labels.organization("beta", "org3")).endMetadata().build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("acme-dashboard").withNamespace(NS)
                .withLabels(Labels.network("acme")).endMetadata().build()).create();
        reconcile("acme");
        List<String> org3 = List.of("ConfigMap/org3-config", "Service/org3-peers", "Service/org3", "StatefulSet/org3",
                "PodDisruptionBudget/org3", "NetworkPolicy/org3");
        assertThat(resourceVersions()).containsKeys(org3.toArray(String[]::new));
        events.clear();

        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("acme").get();
        network.getSpec().getOrganizations().removeIf(o -> o.getName().equals("org3"));
        network.getSpec().getChannels().get(0).getOrganizations().remove("org3");
        client.resource(network).update();
        ConsortiaNetwork left = reconcile("acme");

        assertThat(resourceVersions().keySet()).doesNotContainAnyElementsOf(org3)
                .contains("ConfigMap/org1-config", "Service/org1-peers", "Service/org1", "StatefulSet/org1",
                        "PodDisruptionBudget/org1", "NetworkPolicy/org1", "ConfigMap/org2-config", "Service/org2-peers",
                        "Service/org2", "StatefulSet/org2", "PodDisruptionBudget/org2", "NetworkPolicy/org2",
                        "ConfigMap/beta-org3-config", "ConfigMap/acme-dashboard", "Namespace/" + NS);
        assertThat(client.secrets().inNamespace(NS).withName("org3-keys").get()).as("the platform's to delete").isNotNull();
        assertThat(events.reasons("Deleted")).extracting(RecordingEvents.Recorded::message).containsExactlyInAnyOrder(
                org3.stream().map(o -> "Deleted " + o.replace("/", " " + NS + "/")
                        + " of organisation org3, which the spec no longer lists").toArray(String[]::new));
        assertThat(left.getStatus().condition(ConsortiaNetworkStatus.RECONCILED).getReason()).isEqualTo("Applied");
        assertThat(left.getStatus().getOrganizations()).isEqualTo(2);
        assertThat(written("deleted")).isEqualTo(6);

        events.clear();
        reconcile("acme");
        assertThat(events.reasons("Deleted")).as("nothing left to delete").isEmpty();
    }

    @Test
    void aNewNodeImageRollsOutOneOrganisationAtATime() {
        create(fixture.network());
        writeSecrets();
        reconcile("acme");
        String old = image("org1");
        List.of("org1", "org2", "org3").forEach(o -> rolled(o, "r1", "r1", 1));
        events.clear();

        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("acme").get();
        network.getSpec().setImage("consortia/node:0.2.0");
        client.resource(network).update();
        ConsortiaNetwork first = reconcile("acme");

        assertThat(List.of(image("org1"), image("org2"), image("org3")))
                .containsExactly("consortia/node:0.2.0", old, old);
        Condition reconciled = first.getStatus().condition(ConsortiaNetworkStatus.RECONCILED);
        assertThat(reconciled.getReason()).isEqualTo("RollingOut");
        assertThat(reconciled.getMessage()).endsWith("StatefulSet(s) org2, org3 wait their turn");
        // the platform's own change is an update, not a repair of somebody's edit
        assertThat(events.reasons("Updated")).extracting(RecordingEvents.Recorded::message).containsExactly(
                "Applied the network's new spec to StatefulSet " + NS + "/org1: its new pod template rolls out"
                        + " now, one organisation at a time (org2, org3 wait their turn)");
        assertThat(events.reasons("Repaired")).isEmpty();

        rolled("org1", "r1", "r2", 0); // org1's pod is being replaced: nobody else's goes
        reconcile("acme");
        assertThat(image("org2")).isEqualTo(old);

        rolled("org1", "r2", "r2", 1);
        reconcile("acme");
        assertThat(List.of(image("org2"), image("org3"))).containsExactly("consortia/node:0.2.0", old);

        rolled("org2", "r2", "r2", 1);
        ConsortiaNetwork done = reconcile("acme");
        assertThat(image("org3")).isEqualTo("consortia/node:0.2.0");
        assertThat(done.getStatus().condition(ConsortiaNetworkStatus.RECONCILED).getReason()).isEqualTo("Applied");
    }

    private String image(String statefulSet) {
        return client.apps().statefulSets().inNamespace(NS).withName(statefulSet).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    /** What the StatefulSet controller reports: which revision its pods run, which it rolls to, how many are Ready. */
    private void rolled(String statefulSet, String current, String update, int ready) {
        StatefulSet set = client.apps().statefulSets().inNamespace(NS).withName(statefulSet).get();
        set.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration()).withReplicas(1).withReadyReplicas(ready)
                .withCurrentRevision(current).withUpdateRevision(update).build());
        client.resource(set).updateStatus();
    }

    @Test
    void missingSecretsAreNamedInTheConditionAndTheNetworkIsPending() {
        create(fixture.network());
        client.resource(fixture.secrets().get(0)).create();
        Secret partial = fixture.secrets().get(1);
        partial.getStringData().remove("org2-0-tls.key");
        client.resource(partial).create();

        ConsortiaNetwork network = reconcile("acme");

        assertThat(network.getStatus().getPhase()).isEqualTo(Phase.Pending);
        Condition secrets = network.getStatus().condition(ConsortiaNetworkStatus.SECRETS_AVAILABLE);
        assertThat(secrets.getStatus()).isEqualTo("False");
        assertThat(secrets.getReason()).isEqualTo("SecretsMissing");
        assertThat(secrets.getMessage()).isEqualTo("Secret consortia-acme/org2-keys lacks org2-0-tls.key; "
                + "Secret consortia-acme/org3-keys is missing: it must hold org3-0-node.key, org3-0-tls.key");
        assertThat(events.reasons("SecretsMissing")).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(EventRecorder.WARNING));
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("SecretsMissing");
                    assertThat(e.getInvolvedObject().getKind()).isEqualTo("ConsortiaNetwork");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("acme");
                });
        // the objects are there anyway: the platform writes the Secrets into the namespace they create
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(3);

        events.clear();
        reconcile("acme");
        assertThat(events.reasons("SecretsMissing")).as("told once, not on every pass").isEmpty();
    }

    @Test
    void anInvalidSpecCreatesNothingAndSaysWhy() {
        ConsortiaNetwork network = fixture.network();
        network.getSpec().getChannels().get(0).getOrganizations().add("org7");
        create(network);

        ConsortiaNetwork reconciled = reconcile("acme");

        Condition condition = reconciled.getStatus().condition(ConsortiaNetworkStatus.RECONCILED);
        assertThat(condition.getReason()).isEqualTo("InvalidSpec");
        assertThat(condition.getMessage()).isEqualTo(
                "spec.channels[0] names organisation 'org7', which is not in spec.organizations");
        assertThat(reconciled.getStatus().getPhase()).isEqualTo(Phase.Degraded);
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    @Test
    void statusReportsEachNodesPodAndHealth() {
        create(fixture.network());
        writeSecrets();
        reconcile("acme");
        pod("org1-0", "127.0.1.1", true, 0);
        pod("org2-0", "127.0.1.2", true, 2);
        pod("org3-0", "127.0.1.3", true, 0);
        health.put("127.0.1.1:7053", new NodeHealth(true, List.of(new NodeHealth.Channel("trade", "LEADER", 12))));
        health.put("127.0.1.2:7053", new NodeHealth(true, List.of(new NodeHealth.Channel("trade", "FOLLOWER", 12))));
        health.put("127.0.1.3:7053", new NodeHealth(true, List.of(new NodeHealth.Channel("trade", "FOLLOWER", 11))));

        ConsortiaNetwork ready = reconcile("acme");

        assertThat(ready.getStatus().getPhase()).as(ready.getStatus().toString()).isEqualTo(Phase.Ready);
        assertThat(ready.getStatus().getReadyNodes()).isEqualTo("3/3");
        assertThat(ready.getStatus().getOrganizations()).isEqualTo(3);
        assertThat(ready.getStatus().condition(ConsortiaNetworkStatus.READY).getStatus())
                .as(ready.getStatus().getConditions().toString()).isEqualTo("True");
        NetworkNodeStatus org2 = ready.getStatus().getNodes().get(1);
        assertThat(org2.getName()).isEqualTo("org2-0");
        assertThat(org2.getOrganization()).isEqualTo("org2");
        assertThat(org2.getRestarts()).isEqualTo(2);
        assertThat(org2.getPodIP()).isEqualTo("127.0.1.2");
        assertThat(org2.getAddress()).isEqualTo("org2-0.org2-peers.consortia-acme.svc.cluster.local");
        assertThat(ready.getStatus().getNodes()).extracting(n -> n.getChannels().get(0))
                .containsExactly(new NodeChannelStatus("trade", "LEADER", 12), new NodeChannelStatus("trade", "FOLLOWER", 12),
                        new NodeChannelStatus("trade", "FOLLOWER", 11));

        pod("org3-0", "127.0.1.3", false, 1);
        health.remove("127.0.1.3:7053");
        ConsortiaNetwork degraded = reconcile("acme");

        assertThat(degraded.getStatus().getPhase()).isEqualTo(Phase.Degraded);
        assertThat(degraded.getStatus().getReadyNodes()).isEqualTo("2/3");
        Condition readyCondition = degraded.getStatus().condition(ConsortiaNetworkStatus.READY);
        assertThat(readyCondition.getReason()).isEqualTo("NodesNotReady");
        assertThat(readyCondition.getMessage()).isEqualTo("2/3 nodes ready; org3-0: CrashLoopBackOff: back-off restarting");
        assertThat(events.reasons("NodesNotReady")).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(EventRecorder.WARNING));
    }

    private double written(String action) {
        return registry.scrape().stream().filter(m -> m.getMetadata().getName().equals("consortia_operator_objects_written"))
                .flatMap(m -> m.getDataPoints().stream()).filter(p -> action.equals(p.getLabels().get("action")))
                .mapToDouble(p -> ((CounterSnapshot.CounterDataPointSnapshot) p).getValue()).sum();
    }

    private void pod(String name, String ip, boolean ready, int restarts) {
        String org = name.substring(0, name.indexOf('-'));
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Labels.organization("acme", org)).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("node").withRestartCount(restarts).withReady(ready)
                .withNewState().withWaiting(ready ? null
                        : new io.fabric8.kubernetes.api.model.ContainerStateWaiting("back-off restarting", "CrashLoopBackOff"))
                .endState()
                .endContainerStatus()
                .endStatus();
        Pod desired = pod.build();
        Pod existing = client.pods().inNamespace(NS).withName(name).get();
        if (existing == null) {
            existing = client.resource(desired).create();
        }
        // as the kubelet does: the status is its own subresource
        existing.setStatus(desired.getStatus());
        client.resource(existing).updateStatus();
    }
}
