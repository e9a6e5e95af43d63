package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.Crds;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.deploy.kubernetes.KubernetesDeployer;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.system.KubernetesProperties;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node added to a running KUBERNETES network whose add fails before it joined a channel (here the
 * cluster never gets the new pod Ready) is taken back out: the operation FAILED saying why and
 * that it was undone, the resource, the organisation's Secret and the volume claims as before the
 * add, no node record, its certificates revoked; the next add takes the same pod number and
 * succeeds. Deployment service, node records (H2) and the Kubernetes deployer are the platform's;
 * the cluster is fabric8's mock API server, the test playing the operator and the StatefulSet
 * controller (KubernetesDeploymentIT has the real ones).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesNodeAddUndoTest {
    private static final String NAMESPACE = "consortia-c1-acme-trade";
    private static final String BEFORE = "listed 2; keys [c1-org1-0-node.key, c1-org1-0-tls.key, c1-org1-1-node.key, "
            + "c1-org1-1-tls.key]; pods [c1-org1-0, c1-org1-1]; claims [data-c1-org1-0, data-c1-org1-1]; records "
            + "[c1-org1-0, c1-org1-1]";
    KubernetesMockServer server;
    KubernetesClient client;
    private AddNodeFixture fixture;
    private NodeRepository nodes;
    private DeploymentService deployments;
    private ConsortiumService consortia;
    private NodeMembership membership;
    private NodeRevocations revocations;
    /** Whether the cluster gets an added pod Ready (a pod that cannot be scheduled, an image it cannot pull: no). */
    private final AtomicBoolean addedPodsGetReady = new AtomicBoolean();
    /** Whether the StatefulSet follows the resource down (a cluster that stopped answering: no). */
    private final AtomicBoolean scalesDown = new AtomicBoolean(true);
    private Watch controller;
    private long consortium;
    private Organization org1;
    private Caller leader;

    @BeforeEach
    void setUp() {
        client.apiextensions().v1().customResourceDefinitions().resource(Crds.consortiaNetwork()).create();
        AtomicReference<KubernetesDeployer> made = new AtomicReference<>();
        fixture = new AddNodeFixture("KUBERNETES", records -> {
            KubernetesDeployer deployer = spy(new KubernetesDeployer(client, kubernetes(Duration.ofSeconds(3)),
                    records));
            doReturn(true).when(deployer).isServing(any()); // a pod's FQDN does not resolve outside a cluster
            made.set(deployer);
            return deployer;
        }, Duration.ofSeconds(10));
        KubernetesDeployer deployer = made.get();
        NodeOperations operations = fixture.operations;
        nodes = fixture.nodes;
        deployments = fixture.deployments;
        consortia = fixture.consortia;
        membership = fixture.membership;
        revocations = fixture.revocations;
        consortium = fixture.consortium;
        org1 = fixture.org1;
        leader = fixture.leader;

        // the network as its deployment left it: c1-org1-0 and c1-org1-1 Ready, their keys in c1-org1-keys
        DeploymentSteps quiet = new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, Supplier<T> work) {
                return work.get();
            }
        };
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("fast")
                .endMetadata().withProvisioner("example.com/fast").build()).create();
        List<NetworkPlan.PlannedNode> planned = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            planned.add(operations.prepare(quiet, consortium, org1, "c1-org1-" + i));
            pod(i);
        }
        deployer.apply(new NetworkPlan(consortia.get(consortium),
                List.of(operations.member(consortium, org1, planned))), quiet);
        controller = client.resources(ConsortiaNetwork.class).withName("c1-acme-trade").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConsortiaNetwork network) {
                if (action == Action.MODIFIED) {
                    follow(network);
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
        follow(client.resources(ConsortiaNetwork.class).withName("c1-acme-trade").get());
        assertThat(state()).isEqualTo(BEFORE);
    }

    @AfterEach
    void close() {
        controller.close();
        fixture.close();
    }

    @Test
    void an_add_the_cluster_never_gets_ready_is_undone_and_the_same_pod_is_added_again() {
        Deployment failed = finished(deployments.addNode(leader, consortium, org1.id()));

        assertThat(failed.status()).isEqualTo("FAILED");
        // the network as it was: two pods listed, their keys only, no claim of a third pod, no record of it
        assertThat(state()).isEqualTo(BEFORE);
        assertThat(failed.reason()).startsWith("Adding c1-org1-2 failed: StatefulSet c1-org1 did not get its 3 pod(s) "
                + "Ready within 3 s").contains("undone");
        assertThat(failed.steps()).extracting(s -> s.name() + ": " + s.status()).containsSubsequence(
                "Write configuration of c1-org1-2: FAILED", "Undo the add of c1-org1-2: take it out of its "
                        + "StatefulSet: DONE", "Revoke the certificates of c1-org1-2: DONE", "Remove c1-org1-2: DONE");
        verify(revocations).revoke(any(), eq("alice"), eq("cessationOfOperation: node add failed"));
        verify(membership, never()).join(any(), any());

        addedPodsGetReady.set(true);
        Deployment added = finished(deployments.addNode(leader, consortium, org1.id()));

        assertThat(added.status()).as(added.reason()).isEqualTo("SUCCEEDED");
        assertThat(state()).isEqualTo("listed 3; keys [c1-org1-0-node.key, c1-org1-0-tls.key, c1-org1-1-node.key, "
                + "c1-org1-1-tls.key, c1-org1-2-node.key, c1-org1-2-tls.key]; pods [c1-org1-0, c1-org1-1, c1-org1-2]; "
                + "claims [data-c1-org1-0, data-c1-org1-1, data-c1-org1-2]; records [c1-org1-0, c1-org1-1, c1-org1-2]");
        verify(membership).join(any(), any());
        verify(consortia, never()).setStatus(consortium, ConsortiumStatus.FAILED);
    }

    @Test
    void an_add_whose_undo_fails_too_says_so_and_its_removal_finishes_it() {
        scalesDown.set(false);

        Deployment failed = finished(deployments.addNode(leader, consortium, org1.id()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).startsWith("Adding c1-org1-2 failed: StatefulSet c1-org1 did not get its 3 "
                + "pod(s)").contains(". Taking it back out failed too: StatefulSet c1-org1 did not scale down to 2 "
                + "pod(s) within 3 s").endsWith("Remove c1-org1-2 (Remove on the Nodes tab, or DELETE "
                + "/api/v1/nodes/c1-org1-2) to finish, then add the node again");
        NodeRecord left = nodes.byNodeId("c1-org1-2").orElseThrow();
        assertThat(left.status()).isEqualTo(NodeStatus.FAILED);
        assertThat(left.lastError()).isEqualTo(failed.reason());
        verify(revocations, never()).revoke(any(), anyString(), anyString());

        scalesDown.set(true); // the cluster answers again
        follow(client.resources(ConsortiaNetwork.class).withName("c1-acme-trade").get());
        Deployment removed = finished(deployments.removeNode(leader, "c1-org1-2"));

        assertThat(removed.status()).as(removed.reason()).isEqualTo("SUCCEEDED");
        assertThat(state()).isEqualTo(BEFORE);
    }

    private Deployment finished(Deployment started) {
        return fixture.finished(started);
    }

    /** What the network is made of: nodes the resource lists, keys in the Secret, pods, volume claims, node records. */
    private String state() {
        int listed = client.resources(ConsortiaNetwork.class).withName("c1-acme-trade").get().getSpec()
                .getOrganizations().get(0).getNodes().size();
        return "listed " + listed + "; keys " + new TreeSet<>(client.secrets().inNamespace(NAMESPACE)
                .withName("c1-org1-keys").get().getData().keySet()) + "; pods " + names(client.pods()
                .inNamespace(NAMESPACE).list().getItems()) + "; claims " + names(client.persistentVolumeClaims()
                .inNamespace(NAMESPACE).list().getItems()) + "; records " + nodes.ofConsortium(consortium).stream()
                .map(NodeRecord::nodeId).toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }

    /**
     * The operator and the StatefulSet controller: as many pods (each with its volume claim, which
     * stays when the StatefulSet scales down) as the resource lists, the template's digest following
     * the certificates; rolled out and all Ready, except an added pod while the cluster cannot get
     * one Ready.
     */
    private synchronized void follow(ConsortiaNetwork network) {
        List<NodeSpec> listed = network.getSpec().getOrganizations().get(0).getNodes();
        int replicas = listed.size();
        String digest = Integer.toHexString(listed.stream().map(NodeSpec::getCertificate)
                .collect(Collectors.joining()).hashCode());
        var sets = client.apps().statefulSets().inNamespace(NAMESPACE).withName("c1-org1");
        StatefulSet current = sets.get();
        if (!scalesDown.get() && current != null && replicas < current.getSpec().getReplicas()) {
            return;
        }
        long generation = current == null ? 1 : current.getMetadata().getGeneration() + 1;
        for (int i = 0; i < replicas; i++) {
            if (client.pods().inNamespace(NAMESPACE).withName("c1-org1-" + i).get() == null) {
                pod(i);
            }
        }
        for (int i = replicas; client.pods().inNamespace(NAMESPACE).withName("c1-org1-" + i).get() != null; i++) {
            client.pods().inNamespace(NAMESPACE).withName("c1-org1-" + i).delete();
        }
        int ready = addedPodsGetReady.get() ? replicas : Math.min(replicas, 2);
        String revision = "rev-" + generation;
        StatefulSet set = new StatefulSetBuilder().withNewMetadata().withName("c1-org1").withNamespace(NAMESPACE)
                .withGeneration(generation).endMetadata().withNewSpec().withReplicas(replicas).withNewTemplate()
                .withNewMetadata().addToAnnotations(Labels.CONFIG_DIGEST_ANNOTATION, digest).endMetadata()
                .endTemplate().endSpec().withStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation)
                        .withCurrentRevision(revision).withUpdateRevision(revision).withReplicas(replicas)
                        .withUpdatedReplicas(replicas).withReadyReplicas(ready).build()).build();
        if (current == null) {
            client.apps().statefulSets().inNamespace(NAMESPACE).resource(set).create();
        } else {
            sets.edit(old -> {
                old.setSpec(set.getSpec());
                old.getMetadata().setGeneration(generation);
                old.setStatus(set.getStatus());
                return old;
            });
        }
    }

    private void pod(int index) {
        String pod = "c1-org1-" + index;
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(pod)
                .addToLabels("consortia.io/network", "c1-acme-trade").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        if (client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("data-" + pod).get() == null) {
            client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("data-" + pod).endMetadata().build()).create();
        }
    }

    private static KubernetesProperties kubernetes(Duration readyTimeout) {
        KubernetesProperties d = KubernetesProperties.disabled();
        return new KubernetesProperties(true, "", d.namespacePrefix(), "consortia/node:0.1.0", "", "fast", "2Gi",
                d.resources(), d.platform(), readyTimeout, d.operator());
    }
}
