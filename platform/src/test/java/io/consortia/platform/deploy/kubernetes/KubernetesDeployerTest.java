package io.consortia.platform.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.Crds;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NetworkPlan;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodePlacement;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.system.KubernetesProperties;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsoleTemplates;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes deployer against fabric8's mock API server (CRUD mode): the ConsortiaNetwork it
 * writes, the organisations' key Secrets, idempotence, and the errors a person sees when the
 * operator is missing. The test plays the operator where one is needed (namespace, ready pods);
 * the real operator and cluster are KubernetesDeploymentIT's.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDeployerTest {
    private static final long CONSORTIUM = 7;
    private static final Duration VALIDITY = Duration.ofDays(30);
    KubernetesMockServer server;
    KubernetesClient client;
    private final Consortium consortium = new Consortium(CONSORTIUM, "Acme Trade", SchemeChoice.ECDSA_P256, 2, "RAFT",
            "KUBERNETES", 1, ConsortiumStatus.CREATED, 0);
    private final List<String> steps = new ArrayList<>();
    private final DeploymentSteps recorder = new DeploymentSteps() {
        @Override
        public <T> T step(String name, String nodeId, Supplier<T> work) {
            T result = work.get();
            steps.add(name + (result instanceof String detail && !detail.isEmpty() ? " -> " + detail : ""));
            return result;
        }
    };
    private KubernetesDeployer deployer;

    @BeforeEach
    void setUp() {
        client.apiextensions().v1().customResourceDefinitions().resource(Crds.consortiaNetwork()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("fast")
                .endMetadata().withProvisioner("example.com/fast").build()).create();
        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.get(CONSORTIUM)).thenReturn(consortium);
        deployer = new KubernetesDeployer(client, properties(Duration.ofSeconds(20)), consortia);
    }

    private static KubernetesProperties properties(Duration readyTimeout) {
        KubernetesProperties d = KubernetesProperties.disabled();
        return new KubernetesProperties(true, "", d.namespacePrefix(), "consortia/node:0.1.0", "", "fast", "2Gi",
                d.resources(), d.platform(), readyTimeout, d.operator());
    }

    @Test
    void names_follow_the_statefulset_pods_and_fit_kubernetes_limits() {
        Organization org1 = new Organization(1, "org1", "Org One", 0);
        assertThat(deployer.nodeId(CONSORTIUM, org1, 0)).isEqualTo("c7-org1-0");
        NodePlacement placement = deployer.place(CONSORTIUM, "c7-org1-0");
        assertThat(placement.host()).isEqualTo("c7-org1-0.c7-org1-peers.consortia-c7-acme-trade.svc.cluster.local");
        assertThat(List.of(placement.apiPort(), placement.raftPort(), placement.metricsPort()))
                .containsExactly(7051, 7052, 7053);
        assertThat(deployer.tlsHosts(placement)).contains(placement.host(), "c7-org1-0.c7-org1-peers",
                "c7-org1-0.c7-org1-peers.consortia-c7-acme-trade.svc", "c7-org1");
        Organization longName = new Organization(12, "a".repeat(40), "Long", 0);
        assertThat(deployer.nodeId(CONSORTIUM, longName, 1)).isEqualTo("c7-o12-1");
        Consortium chinese = new Consortium(8, "供应链金融联盟", SchemeChoice.SM2, 1, "RAFT", "KUBERNETES", 1,
                ConsortiumStatus.CREATED, 0);
        assertThat(KubernetesNames.network(chinese)).isEqualTo("c8");
        Consortium longer = new Consortium(9, "The Very Long Name Of A Consortium With Many Words In It", SchemeChoice.SM2,
                1, "RAFT", "KUBERNETES", 1, ConsortiumStatus.CREATED, 0);
        assertThat(KubernetesNames.network(longer)).hasSizeLessThanOrEqualTo(43).doesNotEndWith("-")
                .startsWith("c9-the-very-long");
    }

    @Test
    void apply_writes_the_network_with_public_material_only_and_each_organisation_s_keys_in_its_secret() {
        NetworkPlan plan = plan(List.of("org1", "org2", "org3"));
        playOperator(plan);

        deployer.apply(plan, recorder);

        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        assertThat(network.getMetadata().getLabels()).containsEntry("consortia.io/consortium-id", "7");
        assertThat(network.getSpec().getConsortium()).isEqualTo("Acme Trade");
        assertThat(network.getSpec().getNamespace()).isEqualTo("consortia-c7-acme-trade");
        assertThat(network.getSpec().getImage()).isEqualTo("consortia/node:0.1.0");
        assertThat(network.getSpec().getStorage().getStorageClassName()).isEqualTo("fast");
        assertThat(network.getSpec().getStorage().getSize()).isEqualTo("2Gi");
        assertThat(network.getSpec().getOrganizations()).extracting(OrganizationSpec::getName)
                .containsExactly("c7-org1", "c7-org2", "c7-org3");
        for (NetworkPlan.Member member : plan.members()) {
            OrganizationSpec spec = network.getSpec().getOrganizations().stream()
                    .filter(o -> o.getDisplayName().equals(member.organization().name())).findFirst().orElseThrow();
            assertThat(spec.getKeysSecret()).isEqualTo(spec.getName() + "-keys");
            assertThat(Pem.readCertificate(spec.getRootCertificate())).isEqualTo(member.root());
            assertThat(Pem.readCertificate(spec.getTlsRootCertificate())).isEqualTo(member.tlsRoot());
            assertThat(spec.getNodes()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                NodeInstallation installation = member.nodes().get(i).installation();
                assertThat(Pem.readCertificate(spec.getNodes().get(i).getCertificate()))
                        .isEqualTo(installation.signing().certificate());
                X509Certificate tls = Pem.readCertificate(spec.getNodes().get(i).getTlsCertificate());
                assertThat(tls).isEqualTo(installation.tls().certificate());
                assertThat(dnsNames(tls)).contains(member.nodes().get(i).record().host(),
                        member.nodes().get(i).record().nodeId() + "." + spec.getName() + "-peers");
            }

            Secret keys = client.secrets().inNamespace("consortia-c7-acme-trade").withName(spec.getKeysSecret()).get();
            assertThat(keys.getData()).containsOnlyKeys(spec.getName() + "-0-node.key", spec.getName() + "-0-tls.key",
                    spec.getName() + "-1-node.key", spec.getName() + "-1-tls.key");
            assertThat(decode(keys.getData().get(spec.getName() + "-1-tls.key")))
                    .isEqualTo(Pem.write(member.nodes().get(1).installation().tls().privateKey()));
            assertThat(decode(keys.getData().get(spec.getName() + "-0-node.key")))
                    .isEqualTo(Pem.write(member.nodes().get(0).installation().signing().privateKey()));
            assertThat(keys.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("ConsortiaNetwork");
                assertThat(owner.getApiVersion()).isEqualTo("consortia.io/v1alpha1");
                assertThat(owner.getUid()).isEqualTo(network.getMetadata().getUid());
            });
        }
        String resource = Serialization.asJson(network);
        assertThat(resource).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE KEY");
        for (ConfigMap map : client.configMaps().inAnyNamespace().list().getItems()) {
            assertThat(Serialization.asJson(map)).doesNotContain("PRIVATE KEY");
        }
        assertThat(steps).containsSubsequence("Apply ConsortiaNetwork c7-acme-trade",
                "Wait for namespace consortia-c7-acme-trade -> created by the operator",
                "Write Secret c7-org1-keys -> 4 keys of 2 node(s)", "Pods ready 6/6");
    }

    /**
     * Found by a tester: the deployment listed "Pods ready 0/3 DONE", "Pods ready 1/3 DONE
     * 'ConsortiaNetwork Progressing, 0/3 ready'", ...: a DONE step per pod, with the operator's
     * lagging status contradicting each, and nothing RUNNING while pods were not ready.
     */
    @Test
    void the_pods_wait_is_one_running_step_updated_in_place_with_why_pods_are_not_ready_and_done_when_all_are() {
        NetworkPlan plan = plan(List.of("org1"));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("consortia-c7-acme-trade")
                .endMetadata().build()).create();
        client.pods().inNamespace("consortia-c7-acme-trade").resource(waiting("c7-org1-0")).create();
        client.pods().inNamespace("consortia-c7-acme-trade").resource(readyPod("c7-org1-1")).create();
        List<String> progress = new ArrayList<>();
        DeploymentSteps inPlace = new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, Supplier<T> work) {
                return recorder.step(name, nodeId, work);
            }

            @Override
            public <T> T stepInPlace(String name, String nodeId,
                    java.util.function.Function<DeploymentSteps.StepProgress, T> work) {
                progress.add("RUNNING " + name);
                T result = work.apply((now, detail) -> {
                    progress.add("RUNNING " + now + (detail == null ? "" : " -> " + detail));
                    if (progress.size() == 2) { // the pod's Secret came back: it starts
                        client.pods().inNamespace("consortia-c7-acme-trade").withName("c7-org1-0").delete();
                        client.pods().inNamespace("consortia-c7-acme-trade").resource(readyPod("c7-org1-0")).create();
                    }
                });
                progress.add("DONE " + result);
                return result;
            }
        };

        deployer.apply(plan, inPlace);

        assertThat(progress).containsExactly("RUNNING Pods ready 0/2",
                "RUNNING Pods ready 1/2 -> c7-org1-0: ContainerCreating: secret c7-org1-keys not found",
                "RUNNING Pods ready 2/2", "DONE null");
        assertThat(steps).noneMatch(s -> s.startsWith("Pods ready"));
    }

    @Test
    void pods_that_never_become_ready_fail_the_step_saying_why_each_waits() {
        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.get(CONSORTIUM)).thenReturn(consortium);
        deployer = new KubernetesDeployer(client, properties(Duration.ofSeconds(2)), consortia);
        NetworkPlan plan = plan(List.of("org1"));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("consortia-c7-acme-trade")
                .endMetadata().build()).create();
        client.pods().inNamespace("consortia-c7-acme-trade").resource(waiting("c7-org1-0")).create();
        client.pods().inNamespace("consortia-c7-acme-trade").resource(readyPod("c7-org1-1")).create();

        assertThatThrownBy(() -> deployer.apply(plan, recorder)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Only 1 of 2 pods became ready within 2 s; not ready: c7-org1-0:"
                        + " ContainerCreating: secret c7-org1-keys not found")
                // the platform's sentence, as the Chinese console reads it; the cluster's words as written
                .satisfies(e -> assertThat(new DeploymentTexts(ConsoleTemplates.messages()).text(e.getMessage(),
                        Locale.SIMPLIFIED_CHINESE)).startsWith("2 秒内只有 1/2 个 Pod 就绪；未就绪：c7-org1-0: "
                                + "ContainerCreating: secret c7-org1-keys not found；ConsortiaNetwork 尚无状态"));
        assertThat(steps).contains("Wait for namespace consortia-c7-acme-trade -> "
                + DeploymentTexts.CREATED_BY_OPERATOR.of());
    }

    private static io.fabric8.kubernetes.api.model.Pod waiting(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("consortia.io/network", "c7-acme-trade")
                .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("False").endCondition()
                .addNewContainerStatus().withName("node").withNewState().withNewWaiting().withReason("ContainerCreating")
                .withMessage("secret c7-org1-keys not found").endWaiting().endState().endContainerStatus().endStatus()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Pod readyPod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("consortia.io/network", "c7-acme-trade")
                .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    /**
     * Found by a tester: a misspelt consortia.kubernetes.storage-class left the volume claims Pending, and the
     * deployment said so only when it timed out (10 min by default). It fails at once, naming the setting and the
     * class, with nothing written to the cluster.
     */
    @Test
    void a_storage_class_the_cluster_lacks_fails_the_deployment_at_once_naming_the_setting_and_creating_nothing() {
        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.get(CONSORTIUM)).thenReturn(consortium);
        KubernetesProperties d = KubernetesProperties.disabled();
        deployer = new KubernetesDeployer(client, new KubernetesProperties(true, "", d.namespacePrefix(),
                "consortia/node:0.1.0", "", "no-such-class", "2Gi", d.resources(), d.platform(), Duration.ofSeconds(3),
                d.operator()), consortia);
        NetworkPlan plan = plan(List.of("org1"));

        assertThatThrownBy(() -> deployer.apply(plan, recorder)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The cluster has no StorageClass 'no-such-class' (setting "
                        + "consortia.kubernetes.storage-class)");

        assertThat(steps).isEmpty();
        assertThat(client.resources(ConsortiaNetwork.class).list().getItems()).isEmpty();
        assertThat(client.secrets().inAnyNamespace().list().getItems()).isEmpty();
    }

    /** A platform whose role may not read StorageClasses (its chart not yet upgraded) deploys as before. */
    @Test
    void a_storage_class_the_platform_may_not_read_does_not_stop_the_deployment() {
        server.expect().get().withPath("/apis/storage.k8s.io/v1/storageclasses/fast").andReturn(403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                        + "\"code\":403}").always();
        NetworkPlan plan = plan(List.of("org1"));
        playOperator(plan);

        deployer.apply(plan, recorder);

        assertThat(steps).contains("Pods ready 2/2");
    }

    @Test
    void applying_the_same_plan_again_changes_nothing_and_keeps_recorded_channels() {
        NetworkPlan plan = plan(List.of("org1", "org2"));
        playOperator(plan);
        deployer.apply(plan, recorder);
        deployer.channelCreated(CONSORTIUM, "trade", List.of(plan.members().get(0).organization(),
                plan.members().get(1).organization()));
        Map<String, String> before = resourceVersions();

        deployer.apply(plan, recorder);

        assertThat(resourceVersions()).isEqualTo(before);
        assertThat(steps).contains("Write Secret c7-org2-keys -> unchanged: 4 keys of 2 node(s)");
        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        assertThat(network.getSpec().getChannels()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("trade");
            assertThat(c.getOrganizations()).containsExactly("c7-org1", "c7-org2");
        });
    }

    @Test
    void without_an_operator_the_deployment_says_the_namespace_never_came_and_what_to_run() {
        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.get(CONSORTIUM)).thenReturn(consortium);
        deployer = new KubernetesDeployer(client, properties(Duration.ofSeconds(1)), consortia);
        NetworkPlan plan = plan(List.of("org1"));

        assertThatThrownBy(() -> deployer.apply(plan, recorder)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Namespace consortia-c7-acme-trade was not created")
                .hasMessageContaining("consortia.kubernetes.operator.enabled=true");
        assertThat(client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get()).isNotNull();
    }

    /**
     * A tester's {@code kubectl delete cnet} took a running network's ledgers, keys and volumes within seconds (the
     * namespace's garbage collection), while the platform showed it RUNNING: the platform's finalizer holds the
     * resource until the platform itself deletes the network.
     */
    @Test
    void the_resource_is_held_for_the_platform_s_own_deletion() {
        NetworkPlan plan = plan(List.of("org1"));
        playOperator(plan);
        deployer.apply(plan, recorder);
        ConsortiaNetwork created = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        assertThat(created.getMetadata().getFinalizers()).contains(KubernetesNames.PLATFORM_FINALIZER);

        client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").delete(); // kubectl delete cnet

        ConsortiaNetwork held = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        assertThat(held).as("still there, terminating").isNotNull();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
    }

    @Test
    void deleting_the_network_deletes_the_resource_and_waits_for_the_namespace() {
        NetworkPlan plan = plan(List.of("org1"));
        playOperator(plan);
        deployer.apply(plan, recorder);
        assertThat(deployer.hasNetwork(CONSORTIUM)).isTrue();
        // the garbage collector's part: the namespace goes once its owner is gone
        Thread collector = new Thread(() -> {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get() == null);
            client.namespaces().withName("consortia-c7-acme-trade").delete();
        });
        collector.start();

        deployer.deleteNetwork(CONSORTIUM, recorder);

        assertThat(deployer.hasNetwork(CONSORTIUM)).isFalse();
        assertThat(client.namespaces().withName("consortia-c7-acme-trade").get()).isNull();
        assertThat(steps).contains("Wait for namespace consortia-c7-acme-trade to be removed -> removed");
    }

    @Test
    void a_node_s_new_credentials_go_into_its_secret_and_the_resource_and_only_its_pod_restarts_with_them()
            throws Exception {
        NetworkPlan plan = plan(List.of("org1"));
        playOperator(plan);
        deployer.apply(plan, recorder);
        String namespace = "consortia-c7-acme-trade";
        Map<String, String> keysBefore = client.secrets().inNamespace(namespace).withName("c7-org1-keys").get().getData();
        client.apps().statefulSets().inNamespace(namespace).resource(statefulSet("digest-1")).create();
        rollout(1, "rev-1", "rev-1", 2);
        String siblingUid = client.pods().inNamespace(namespace).withName("c7-org1-0").get().getMetadata().getUid();
        String podUid = client.pods().inNamespace(namespace).withName("c7-org1-1").get().getMetadata().getUid();
        CertificateAuthority ca = CertificateAuthority.create("org1", SchemeChoice.ECDSA_P256.scheme(), VALIDITY);
        NodeCredentials renewed = new NodeCredentials(ca.issue(CertificateRole.NODE, "c7-org1-1", VALIDITY),
                ca.issueTls(CertificateRole.NODE, "c7-org1-1", List.of("c7-org1-1"), VALIDITY));
        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();

        CompletableFuture<String> replaced = CompletableFuture.supplyAsync(() -> new OrganizationRollout(client,
                Duration.ofMinutes(1)).write(network, namespace, "c7-org1-1", renewed));

        await("certificates in the resource").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get().getSpec().getOrganizations()
                        .get(0).getNodes().get(1).getCertificate()).isEqualTo(Pem.write(renewed.signing().certificate())));
        Map<String, String> keys = client.secrets().inNamespace(namespace).withName("c7-org1-keys").get().getData();
        assertThat(decode(keys.get("c7-org1-1-node.key"))).isEqualTo(Pem.write(renewed.signing().privateKey()));
        assertThat(decode(keys.get("c7-org1-1-tls.key"))).isEqualTo(Pem.write(renewed.tls().privateKey()));
        assertThat(keys.get("c7-org1-0-node.key")).isEqualTo(keysBefore.get("c7-org1-0-node.key"));
        ConsortiaNetwork written = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        assertThat(written.getSpec().getOrganizations().get(0).getNodes().get(0))
                .isEqualTo(network.getSpec().getOrganizations().get(0).getNodes().get(0));
        assertThat(Serialization.asJson(written)).doesNotContain("PRIVATE KEY");
        // the operator has not written the ConfigMap yet: the pod is not restarted, it would read the old certificates
        assertThat(replaced).isNotDone();
        assertThat(client.pods().inNamespace(namespace).withName("c7-org1-1").get().getMetadata().getUid())
                .isEqualTo(podUid);
        // the operator's ConfigMap with the new certificates: the pod is deleted, its StatefulSet starts it again
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("c7-org1-config").endMetadata()
                .addToData("c7-org1-1-node.pem", Pem.write(renewed.signing().certificate()))
                .addToData("c7-org1-1-tls.pem", Pem.write(renewed.tls().certificate())).build()).create();
        await("the pod deleted").atMost(Duration.ofSeconds(30))
                .until(() -> client.pods().inNamespace(namespace).withName("c7-org1-1").get() == null);
        assertThat(replaced).isNotDone();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("c7-org1-1")
                .addToLabels("consortia.io/network", "c7-acme-trade").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("True").endCondition().endStatus().build()).create();

        assertThat(replaced.get(1, TimeUnit.MINUTES)).isEqualTo("keys in Secret c7-org1-keys and certificates in "
                + "ConsortiaNetwork c7-acme-trade replaced; pod c7-org1-1 restarted with them, Ready");
        assertThat(client.pods().inNamespace(namespace).withName("c7-org1-0").get().getMetadata().getUid())
                .as("the organisation's other pod kept running").isEqualTo(siblingUid);
    }

    @Test
    void only_an_organisation_s_last_pod_is_removable_and_one_an_unfinished_removal_took_out_stays_so() {
        NetworkPlan plan = plan(List.of("org1"));
        playOperator(plan);
        deployer.apply(plan, recorder);
        NodeRecord first = plan.members().get(0).nodes().get(0).record();
        NodeRecord last = plan.members().get(0).nodes().get(1).record();

        assertThatThrownBy(() -> deployer.requireRemovable(first)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("remove c7-org1-1 instead of c7-org1-0");
        deployer.requireRemovable(last);
        // an earlier removal took the last pod out of the resource and failed waiting for the cluster
        client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").edit(n -> {
            n.getSpec().getOrganizations().get(0).getNodes().remove(1);
            return n;
        });
        deployer.requireRemovable(last);
        assertThatThrownBy(() -> deployer.requireRemovable(first)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("only pod of StatefulSet c7-org1");
    }

    @Test
    void a_statefulset_is_rolled_out_when_its_controller_saw_its_template_on_every_pod_and_all_are_ready() {
        assertThat(OrganizationRollout.rolledOut(status(statefulSet("d"), 3, 3, "r2", "r2", 2, 2))).isTrue();
        assertThat(OrganizationRollout.rolledOut(status(statefulSet("d"), 3, 2, "r2", "r2", 2, 2))).as("old generation")
                .isFalse();
        assertThat(OrganizationRollout.rolledOut(status(statefulSet("d"), 3, 3, "r1", "r2", 2, 2))).as("rolling")
                .isFalse();
        assertThat(OrganizationRollout.rolledOut(status(statefulSet("d"), 3, 3, "r2", "r2", 1, 2))).as("one updated")
                .isFalse();
        assertThat(OrganizationRollout.rolledOut(status(statefulSet("d"), 3, 3, "r2", "r2", 2, 1))).as("one not Ready")
                .isFalse();
        assertThat(OrganizationRollout.rolledOut(statefulSet("d"))).as("no status").isFalse();
    }

    private static StatefulSet statefulSet(String digest) {
        return new StatefulSetBuilder().withNewMetadata().withName("c7-org1").withNamespace("consortia-c7-acme-trade")
                .endMetadata().withNewSpec().withReplicas(2).withNewTemplate().withNewMetadata()
                .addToAnnotations(Labels.CONFIG_DIGEST_ANNOTATION, digest).endMetadata().endTemplate().endSpec().build();
    }

    private static StatefulSet status(StatefulSet set, long generation, long observed, String current, String update,
            int updated, int ready) {
        set.getMetadata().setGeneration(generation);
        set.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(observed).withCurrentRevision(current)
                .withUpdateRevision(update).withUpdatedReplicas(updated).withReadyReplicas(ready).withReplicas(2)
                .build());
        return set;
    }

    /** What the StatefulSet controller reports as it replaces the pods. */
    private void rollout(long generation, String current, String update, int updated) {
        client.apps().statefulSets().inNamespace("consortia-c7-acme-trade").withName("c7-org1")
                .edit(set -> status(set, generation, generation, current, update, updated, 2));
    }

    private Map<String, String> resourceVersions() {
        Map<String, String> versions = new java.util.TreeMap<>();
        ConsortiaNetwork network = client.resources(ConsortiaNetwork.class).withName("c7-acme-trade").get();
        versions.put("network", network.getMetadata().getResourceVersion());
        client.secrets().inNamespace("consortia-c7-acme-trade").list().getItems()
                .forEach(s -> versions.put(s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
        return versions;
    }

    /** What the operator and the kubelet would do: the namespace, and every pod Ready. */
    private void playOperator(NetworkPlan plan) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("consortia-c7-acme-trade")
                .endMetadata().build()).create();
        for (NetworkPlan.Member member : plan.members()) {
            for (NetworkPlan.PlannedNode node : member.nodes()) {
                client.pods().inNamespace("consortia-c7-acme-trade").resource(new PodBuilder()
                        .withNewMetadata().withName(node.record().nodeId())
                        .addToLabels("consortia.io/network", "c7-acme-trade").endMetadata()
                        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .endStatus().build()).create();
            }
        }
    }

    private NetworkPlan plan(List<String> organizations) {
        List<NetworkPlan.Member> members = new ArrayList<>();
        long id = 1;
        for (String name : organizations) {
            Organization organization = new Organization(id++, name, name.toUpperCase(), 0);
            CertificateAuthority ca = CertificateAuthority.create(name, SchemeChoice.ECDSA_P256.scheme(), VALIDITY);
            List<NetworkPlan.PlannedNode> nodes = new ArrayList<>();
            for (int i = 0; i < consortium.nodesPerOrganization(); i++) {
                String nodeId = deployer.nodeId(CONSORTIUM, organization, i);
                NodePlacement placement = deployer.place(CONSORTIUM, nodeId);
                NodeRecord record = new NodeRecord(i, nodeId, CONSORTIUM, organization.id(), placement.host(),
                        placement.apiPort(), placement.raftPort(), placement.metricsPort(), placement.directory(),
                        "STOPPED", NodeStatus.CREATED, null, 0, null, 0);
                IssuedCredential signing = ca.issue(CertificateRole.NODE, nodeId, VALIDITY);
                IssuedCredential tls = ca.issueTls(CertificateRole.NODE, nodeId, deployer.tlsHosts(placement),
                        VALIDITY);
                nodes.add(new NetworkPlan.PlannedNode(record, new NodeInstallation(nodeId, name, signing, tls,
                        List.of(ca.tlsRoot()))));
            }
            members.add(new NetworkPlan.Member(organization, ca.root(), ca.tlsRoot(), nodes));
        }
        return new NetworkPlan(consortium, members);
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames().stream().filter(san -> (Integer) san.get(0) == 2)
                    .map(san -> (String) san.get(1)).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
