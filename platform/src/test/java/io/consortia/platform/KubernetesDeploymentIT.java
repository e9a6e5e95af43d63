package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.Pem;
import io.consortia.kubetest.TestCluster;
import io.consortia.kubetest.controlplane.ControlPlaneOptions;
import io.consortia.kubetest.kubelet.ImageCatalog;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Deployment target KUBERNETES end to end, through the platform's REST API only, on the real test
 * cluster (module kubetest: etcd, kube-apiserver, kube-controller-manager and kube-scheduler
 * built from Debian's source package, and the test kubelet running each pod as a local process
 * on its own loopback address) with the operator running inside the platform: a 3-organisation
 * consortium deployed, its pods Ready, a channel created, a notarization committed and found in
 * the explorer, node logs read through the API; every object the network is made of checked;
 * a pod deleted under client load comes back from its volume with no acknowledged transaction
 * lost and the same chain on every node; a pod is restored from its backup, which the node
 * applies as it restarts; deleting the network removes its namespace.
 *
 * <p>The platform runs in this JVM and reaches nodes by their cluster names, so the JVM starts
 * with {@code -Djdk.net.hosts.file=<the kubelet's hosts file>} (Maven profile {@code kube}, which
 * fixes the cluster's directory); without it the test is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class KubernetesDeploymentIT {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDeploymentIT.class);
    private static final Duration DEPLOY = Duration.ofMinutes(12);
    private TestCluster cluster;
    private KubernetesClient kube;
    private PlatformRunner platform;
    private Api alice;
    private Api bob;
    private Api erin;
    private final List<Long> organizations = new ArrayList<>();
    private long consortium;
    private String network;
    private String namespace;

    @BeforeAll
    void startClusterAndPlatform() throws IOException {
        String hosts = System.getProperty("jdk.net.hosts.file");
        assumeTrue(hosts != null && System.getProperty("consortia.test.kube.dir") != null,
                "needs the test cluster's hosts file: run with -Pkube");
        Path directory = Path.of(System.getProperty("consortia.test.kube.dir"));
        FileSystemUtils.deleteRecursively(directory);
        Path cluster = directory.resolve("cluster");
        // resolvable from the start: the kubelet rewrites this file as pods come and go
        Files.createDirectories(Path.of(hosts).getParent());
        Files.writeString(Path.of(hosts), "127.0.0.1 localhost\n");
        ImageCatalog catalog = ImageCatalog.builder().image("consortia/node", List.of("java", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.consortia.node.NodeMain")).build();
        this.cluster = TestCluster.start(ControlPlaneOptions.defaults().withDirectory(cluster), catalog, 3);
        assertThat(this.cluster.kubelet().hostsFile().toString()).isEqualTo(Path.of(hosts).toString());
        kube = this.cluster.client();
        platform = new PlatformRunner(TestDatabase.H2)
                .with("consortia.kubernetes.enabled", "true")
                .with("consortia.kubernetes.kubeconfig", this.cluster.controlPlane().kubeconfig())
                .with("consortia.kubernetes.operator.enabled", "true")
                .with("consortia.kubernetes.resources.cpu-request", "10m")
                .with("consortia.kubernetes.resources.memory-request", "64Mi")
                .with("consortia.kubernetes.ready-timeout", "10m")
                .start();
    }

    @AfterAll
    void stop() {
        try {
            if (platform != null) {
                platform.stop(); // first: its operator and supervisor talk to the cluster
            }
        } finally {
            try {
                if (cluster != null) {
                    cluster.close();
                }
            } finally {
                if (platform != null) {
                    platform.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void three_organisations_form_a_kubernetes_consortium() {
        Api admin = platform.admin();
        for (String name : List.of("org1", "org2", "org3")) {
            organizations.add(Fixtures.organization(admin, name));
        }
        alice = Fixtures.member(admin, organizations.get(0), "alice", "ADMIN");
        bob = Fixtures.member(admin, organizations.get(1), "bob", "ADMIN");
        Api carol = Fixtures.member(admin, organizations.get(2), "carol", "ADMIN");
        Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "Acme Trade",
                "signatureScheme", "ECDSA_P256", "deploymentTarget", "KUBERNETES"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("deploymentTarget").asText()).isEqualTo("KUBERNETES");
        consortium = created.json().get("id").asLong();
        network = "c" + consortium + "-acme-trade";
        namespace = "consortia-" + network;
        for (Api invited : List.of(bob, carol)) {
            long organization = organizations.get(invited == bob ? 1 : 2);
            Api.Response invitation = alice.post("/api/v1/consortia/" + consortium + "/invitations",
                    Json.of("organizationId", organization));
            assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
            long id = invited.get("/api/v1/invitations").json().get(0).get("id").asLong();
            assertThat(invited.post("/api/v1/invitations/" + id + "/accept", "").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void deploying_follows_the_cluster_until_every_pod_is_ready_and_the_first_channel_serves() {
        long t0 = System.nanoTime();
        Api.Response started = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode finished = await("deployment").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get("/api/v1/deployments/" + started.json().get("id").asLong()).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
        LOG.info("KUBERNETES deploy of 3 organisations x 1 node: {} s from the deploy call to the first channel "
                + "serving", (System.nanoTime() - t0) / 1_000_000_000);
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        finished.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
        assertThat(steps).containsSubsequence("Apply ConsortiaNetwork " + network + ":DONE",
                "Wait for namespace " + namespace + ":DONE", "Write Secret c" + consortium + "-org1-keys:DONE",
                "Pods ready 3/3:DONE", "Create channel main:DONE");
        // one step for the wait, updated in place (it was a DONE step per newly ready pod)
        assertThat(steps.stream().filter(s -> s.startsWith("Pods ready"))).containsExactly("Pods ready 3/3:DONE");
        List<Pod> pods = kube.pods().inNamespace(namespace).list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                }));
        // spread over the machines by the scheduler, each pod on its own loopback address
        assertThat(pods.stream().map(p -> p.getStatus().getPodIP()).distinct()).hasSize(3);
        JsonNode nodes = alice.get("/api/v1/consortia/" + consortium + "/nodes").json();
        assertThat(nodes).hasSize(3).allSatisfy(n -> {
            assertThat(n.get("status").asText()).isEqualTo("RUNNING");
            assertThat(n.get("ready").asBoolean()).isTrue();
            assertThat(n.get("apiAddress").asText()).endsWith("." + namespace + ".svc.cluster.local:7051");
            assertThat(n.get("heights").get("main").asLong()).isPositive();
        });
        assertThat(nodes.get(0).get("events").toString()).contains("Scheduled");
    }

    @Test
    @Order(3)
    void a_channel_is_created_and_recorded_in_the_network_resource() {
        Api.Response created = alice.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "trade", "organizationIds", organizations));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
        ConsortiaNetwork resource = kube.resources(ConsortiaNetwork.class).withName(network).get();
        assertThat(resource.getSpec().getChannels()).extracting(c -> c.getName()).containsExactly("main", "trade");
    }

    @Test
    @Order(4)
    void a_notarization_commits_and_the_explorer_finds_it() {
        String hash = Hashes.hex(Hashes.sha256().digest("bill of lading 7".getBytes()));
        Api.Response notarized = bob.post(channel("trade") + "/notarizations", Json.of("documentHash", hash));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        String transaction = notarized.json().get("transactionId").asText();
        JsonNode hit = Waits.searchHit(alice, consortium, transaction);
        assertThat(hit.get("kind").asText()).isEqualTo("TRANSACTION");
        assertThat(hit.get("blockNumber").asLong()).isEqualTo(notarized.json().get("blockNumber").asLong());
    }

    @Test
    @Order(5)
    void node_logs_are_read_through_the_kubernetes_api() {
        String node = "c" + consortium + "-org2-0";
        Api.Response log = bob.get("/api/v1/nodes/" + node + "/logs?lines=400");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.body()).contains("node " + node + " of org2 started");
        assertThat(bob.get("/api/v1/nodes/" + node + "/logs?lines=1").body().lines().count()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void the_network_is_made_of_the_expected_objects_and_keys_are_only_in_secrets() {
        Namespace ns = kube.namespaces().withName(namespace).get();
        assertThat(ns.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "consortia");
        assertThat(ns.getMetadata().getOwnerReferences()).extracting(o -> o.getKind()).contains("ConsortiaNetwork");
        List<String> organizationSets = List.of("c" + consortium + "-org1", "c" + consortium + "-org2",
                "c" + consortium + "-org3");
        assertThat(kube.apps().statefulSets().inNamespace(namespace).list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(organizationSets);
        for (StatefulSet set : kube.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            assertThat(set.getStatus().getReadyReplicas()).isEqualTo(1);
            assertThat(set.getSpec().getServiceName()).isEqualTo(set.getMetadata().getName() + "-peers");
            assertThat(set.getSpec().getVolumeClaimTemplates()).isNotEmpty();
        }
        List<Service> services = kube.services().inNamespace(namespace).list().getItems();
        for (String set : organizationSets) {
            assertThat(services).anySatisfy(s -> {
                assertThat(s.getMetadata().getName()).isEqualTo(set + "-peers");
                assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
            });
            assertThat(services).anySatisfy(s -> assertThat(s.getMetadata().getName()).isEqualTo(set));
        }
        assertThat(kube.persistentVolumeClaims().inNamespace(namespace).list().getItems()).hasSize(3)
                .allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));
        assertThat(kube.policy().v1beta1().podDisruptionBudget().inNamespace(namespace).list().getItems())
                .hasSize(3);
        assertThat(kube.network().v1().networkPolicies().inNamespace(namespace).list().getItems()).isNotEmpty();
        List<Secret> secrets = kube.secrets().inNamespace(namespace).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().endsWith("-keys")).toList();
        assertThat(secrets).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(organizationSets.stream().map(s -> s + "-keys").toList());
        List<ConfigMap> configMaps = kube.configMaps().inNamespace(namespace).list().getItems();
        assertThat(configMaps).extracting(c -> c.getMetadata().getName()).contains(organizationSets.get(0) + "-config");
        // no private key anywhere but the Secrets: every ConfigMap, the resource, every object's annotations
        List<HasMetadata> everything = new ArrayList<>(configMaps);
        everything.add(kube.resources(ConsortiaNetwork.class).withName(network).get());
        everything.addAll(kube.apps().statefulSets().inNamespace(namespace).list().getItems());
        everything.addAll(services);
        everything.addAll(kube.pods().inNamespace(namespace).list().getItems());
        everything.addAll(kube.persistentVolumeClaims().inNamespace(namespace).list().getItems());
        everything.add(ns);
        assertThat(everything).allSatisfy(o -> assertThat(Serialization.asJson(o)).doesNotContain("PRIVATE KEY"));
        assertThat(secrets).allSatisfy(s -> assertThat(s.getData()).hasSize(2));
        // a node never calls the API server: the service account admission gave its pod no token
        assertThat(kube.pods().inNamespace(namespace).list().getItems()).hasSize(3).allSatisfy(p -> {
            assertThat(p.getSpec().getAutomountServiceAccountToken()).isFalse();
            assertThat(p.getSpec().getVolumes()).noneSatisfy(v -> assertThat(v.getName()).startsWith("default-token"));
            assertThat(p.getSpec().getContainers()).allSatisfy(c -> assertThat(c.getVolumeMounts())
                    .noneSatisfy(m -> assertThat(m.getMountPath()).startsWith("/var/run/secrets/kubernetes.io")));
        });
    }

    /**
     * Found by a tester: with its keys Secret deleted, a node's new pod stays ContainerCreating and the
     * cluster says why, while the platform showed STARTING and no error. The node's note says it now,
     * and goes once the Secret is back and the pod is Ready.
     */
    @Test
    @Order(7)
    void a_pod_that_cannot_start_without_its_secret_says_why_on_its_node_until_it_runs_again() {
        String pod = "c" + consortium + "-org3-0";
        String secretName = "c" + consortium + "-org3-keys";
        Secret keys = kube.secrets().inNamespace(namespace).withName(secretName).get();
        kube.secrets().inNamespace(namespace).withName(secretName).delete();
        kube.pods().inNamespace(namespace).withName(pod).delete();
        try {
            JsonNode stuck = await("the node says why its pod waits").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> nodeView(pod),
                            n -> n != null && n.path("lastError").asText("").contains("not found"));
            assertThat(stuck.get("status").asText()).isEqualTo("STARTING");
            assertThat(stuck.get("lastError").asText())
                    .isEqualTo("Pod not ready: ContainerCreating: secret " + secretName + " not found");
        } finally {
            kube.secrets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName(secretName).withNamespace(namespace)
                    .withLabels(keys.getMetadata().getLabels())
                    .withOwnerReferences(keys.getMetadata().getOwnerReferences()).endMetadata()
                    .withType(keys.getType()).withData(keys.getData()).build()).create();
        }
        JsonNode back = await("the node runs again").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> nodeView(pod), n -> n != null && "RUNNING".equals(n.path("status").asText()));
        assertThat(back.get("lastError").isNull()).as(back.toString()).isTrue();
        awaitSameTips(platform.bean(Nodes.class).ofConsortium(consortium), "main");
    }

    @Test
    @Order(8)
    void a_node_s_renewed_and_revoked_certificates_restart_its_pod_with_them_and_the_channel_goes_on() {
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        String org1Node = "c" + consortium + "-org1-0";
        String signingOld = serialOf(alice, "NODE", org1Node);
        String tlsBefore = serialOf(alice, "NODE_TLS", org1Node);
        Pod podBefore = kube.pods().inNamespace(namespace).withName(org1Node).get();
        Map<String, String> keysBefore = keys("c" + consortium + "-org1-keys");

        JsonNode renewal = operation(alice, alice.post(base + signingOld + "/renew", "{}"));
        String signingNew = serialOf(alice, "NODE", org1Node);
        assertThat(signingNew).isNotEqualTo(signingOld);
        assertThat(renewal.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Write new certificates of " + org1Node);
            assertThat(step.get("detail").asText()).endsWith("pod " + org1Node + " restarted with them, Ready");
        }).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Reload certificates on " + org1Node);
            // asked of the restarted node: it read the new key and certificate when it started
            assertThat(step.get("detail").asText()).isEqualTo("the node now signs with serial " + signingNew
                    + " and presents TLS serial " + tlsBefore);
        });
        assertThat(kube.pods().inNamespace(namespace).withName(org1Node).get().getMetadata().getUid())
                .isNotEqualTo(podBefore.getMetadata().getUid());
        Map<String, String> keysAfter = keys("c" + consortium + "-org1-keys");
        assertThat(keysAfter.get(org1Node + "-node.key")).isNotEqualTo(keysBefore.get(org1Node + "-node.key"));
        assertThat(keysAfter.get(org1Node + "-tls.key")).isEqualTo(keysBefore.get(org1Node + "-tls.key"));
        String inResource = kube.resources(ConsortiaNetwork.class).withName(network).get().getSpec().getOrganizations()
                .stream().filter(o -> o.getName().equals("c" + consortium + "-org1")).findFirst().orElseThrow()
                .getNodes().get(0).getCertificate();
        assertThat(Pem.readCertificate(inResource).getSerialNumber().toString(16)).isEqualTo(signingNew);
        notarize(alice, "after org1's node renewed its signing certificate");

        // org2's node TLS key is compromised: revoked, replaced on its pod, and refused by every node from the chain
        String org2Node = "c" + consortium + "-org2-0";
        String tlsRevoked = serialOf(bob, "NODE_TLS", org2Node);
        JsonNode revocation = operation(bob, bob.post(base + tlsRevoked + "/revoke",
                Json.of("reason", "key compromise")));
        String tlsReplacement = serialOf(bob, "NODE_TLS", org2Node);
        assertThat(tlsReplacement).isNotEqualTo(tlsRevoked);
        assertThat(revocation.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Reload certificates on " + org2Node);
            assertThat(step.get("detail").asText()).endsWith("presents TLS serial " + tlsReplacement);
        }).anySatisfy(step -> assertThat(step.get("name").asText()).startsWith("Commit list 1 revoked certificate(s) "
                + "of org2"));
        assertThat(bob.get(base.substring(0, base.length() - 1)).json()).anySatisfy(c -> {
            assertThat(c.get("serial").asText()).isEqualTo(tlsRevoked);
            assertThat(c.get("status").asText()).isEqualTo("REVOKED");
        });
        notarize(bob, "after org2's node replaced its revoked TLS certificate");
    }

    @Test
    @Order(9)
    void a_node_added_to_an_organisation_is_its_statefulset_s_next_pod_and_joins_its_channels() {
        String added = "c" + consortium + "-org3-1";
        String siblingBefore = podUid("c" + consortium + "-org3-0");
        JsonNode addition = operation(alice, alice.post("/api/v1/consortia/" + consortium + "/organizations/"
                + organizations.get(2) + "/nodes", ""));
        assertThat(addition.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Write configuration of " + added);
            assertThat(step.get("status").asText()).isEqualTo("DONE");
        });
        assertThat(kube.apps().statefulSets().inNamespace(namespace).withName("c" + consortium + "-org3").get()
                .getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(podUid("c" + consortium + "-org3-0")).as("the organisation's other pod kept running")
                .isEqualTo(siblingBefore);
        assertThat(keys("c" + consortium + "-org3-keys")).containsKeys(added + "-node.key", added + "-tls.key");
        JsonNode node = await("the added node in the list").atMost(Duration.ofMinutes(2))
                .until(() -> nodeView(added), n -> n != null && n.get("heights").has("trade")
                        && "RUNNING".equals(n.get("status").asText())); // STARTING until its pod is Ready
        assertThat(node.get("heights").has("main")).isTrue();
        notarize(alice, "after org3's second node joined");
        // the new node holds the same chain as the others
        List<NodeRecord> nodes = platform.bean(Nodes.class).ofConsortium(consortium);
        assertThat(nodes).extracting(NodeRecord::nodeId).contains(added).hasSize(4);
        awaitSameTips(nodes, "trade");
    }

    @Test
    @Order(10)
    void only_an_organisation_s_last_pod_is_removed_and_a_node_added_again_under_its_name_starts_empty() {
        String only = "c" + consortium + "-org1-0";
        String first = "c" + consortium + "-org3-0";
        String last = "c" + consortium + "-org3-1";
        Api.Response onlyOne = alice.delete("/api/v1/nodes/" + only);
        assertThat(onlyOne.status()).as(onlyOne.toString()).isEqualTo(409);
        assertThat(onlyOne.json().get("detail").asText()).contains("only pod of StatefulSet c" + consortium + "-org1");
        Api.Response notLast = alice.delete("/api/v1/nodes/" + first);
        assertThat(notLast.status()).as(notLast.toString()).isEqualTo(409);
        assertThat(notLast.json().get("detail").asText()).contains("remove " + last + " instead of " + first);
        assertThat(platform.bean(Nodes.class).ofConsortium(consortium)).hasSize(4);
        // the Nodes tab offers Remove on the one pod that can go
        String page = alice.get("/console/consortia/" + consortium + "/nodes").body();
        assertThat(page).contains("data-api-post=\"/api/v1/nodes/" + last + "\"")
                .doesNotContain("data-api-post=\"/api/v1/nodes/" + first + "\"")
                .doesNotContain("data-api-post=\"/api/v1/nodes/" + only + "\"");
        String tlsSerial = serialOf(alice, "NODE_TLS", last);
        String firstBefore = podUid(first);

        JsonNode removal = operation(alice, alice.delete("/api/v1/nodes/" + last));
        assertThat(removal.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Remove " + last + " from its StatefulSet");
            assertThat(step.get("detail").asText()).startsWith("StatefulSet c" + consortium + "-org3 scaled down to "
                    + "1 pod(s), all Ready");
        });
        assertThat(kube.pods().inNamespace(namespace).withName(last).get()).isNull();
        assertThat(podUid(first)).as("the organisation's other pod kept running").isEqualTo(firstBefore);
        assertThat(kube.persistentVolumeClaims().inNamespace(namespace).withName("data-" + last).get()).isNull();
        assertThat(keys("c" + consortium + "-org3-keys")).doesNotContainKeys(last + "-node.key", last + "-tls.key")
                .containsKeys(first + "-node.key");
        assertThat(kube.resources(ConsortiaNetwork.class).withName(network).get().getSpec().getOrganizations())
                .filteredOn(o -> o.getName().equals("c" + consortium + "-org3")).singleElement()
                .satisfies(o -> assertThat(o.getNodes()).hasSize(1));
        assertRevoked(tlsSerial);
        assertThat(platform.bean(Nodes.class).ofConsortium(consortium)).extracting(NodeRecord::nodeId)
                .doesNotContain(last).hasSize(3);
        notarize(alice, "after org3's second node was removed");

        // the next node of org3 is that pod name again: a new volume, new keys, joined like any new node
        operation(alice, alice.post("/api/v1/consortia/" + consortium + "/organizations/" + organizations.get(2)
                + "/nodes", ""));
        assertThat(serialOf(alice, "NODE_TLS", last)).isNotEqualTo(tlsSerial);
        List<NodeRecord> nodes = platform.bean(Nodes.class).ofConsortium(consortium);
        assertThat(nodes).hasSize(4);
        notarize(alice, "after org3's second node was added again");
        awaitSameTips(nodes, "trade");
    }

    @Test
    @Order(11)
    void an_organisation_accepted_into_the_running_network_gets_its_statefulset_and_joins_a_channel() {
        Api admin = platform.admin();
        long org5 = Fixtures.organization(admin, "org5");
        organizations.add(org5);
        erin = Fixtures.member(admin, org5, "erin", "ADMIN");
        String org1Set = "c" + consortium + "-org1";
        String org5Set = "c" + consortium + "-org5";
        String digestBefore = configDigest(org1Set);
        String org1PodBefore = podUid(org1Set + "-0");
        Fixtures.accept(erin, Fixtures.invite(alice, consortium, org5));
        JsonNode started = Waits.started(alice, consortium, "DEPLOY_MEMBER");
        JsonNode deployed = await("DEPLOY_MEMBER").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get("/api/v1/deployments/" + started.get("id").asLong()).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        deployed.get("steps").forEach(st -> steps.add(st.get("name").asText() + ":" + st.get("status").asText()));
        assertThat(steps).containsSubsequence("Issue certificates for " + org5Set + "-0:DONE",
                "Write Secret " + org5Set + "-keys:DONE",
                "Add organisation " + org5Set + " to ConsortiaNetwork " + network + ":DONE",
                "Wait for StatefulSet " + org5Set + " to run 1 Ready pod(s):DONE",
                "Wait for " + org5Set + "-0 to serve:DONE");
        assertThat(kube.apps().statefulSets().inNamespace(namespace).withName(org5Set).get().getStatus()
                .getReadyReplicas()).isEqualTo(1);
        assertThat(keys(org5Set + "-keys")).containsOnlyKeys(org5Set + "-0-node.key", org5Set + "-0-tls.key");
        assertThat(kube.resources(ConsortiaNetwork.class).withName(network).get().getSpec().getOrganizations())
                .extracting(o -> o.getName()).endsWith(org5Set).hasSize(4);
        // every organisation's ConfigMap lists the members' TLS roots, and no pod restarted for the newcomer's
        await("org1's ConfigMap lists org5's root").atMost(Duration.ofMinutes(1))
                .until(() -> trustedRoots(org1Set), roots -> roots == 4);
        assertThat(configDigest(org1Set)).isEqualTo(digestBefore);
        assertThat(podUid(org1Set + "-0")).isEqualTo(org1PodBefore);
        await("org5's node running and ready").atMost(Duration.ofMinutes(2))
                .until(() -> nodeView(org5Set + "-0").get("status").asText(), "RUNNING"::equals);

        // added to channel trade by the members' votes: its node joins, and it commits through it
        Api.Response proposed = alice.post(channel("trade") + "/proposals", Json.of("organizationId", org5));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        long proposal = proposed.json().get("id").asLong();
        for (Api voter : List.of(alice, bob)) {
            assertThat(voter.post("/api/v1/channel-proposals/" + proposal + "/votes", Json.of("approve", true))
                    .status()).isEqualTo(200);
        }
        JsonNode applied = decided(proposal);
        assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");
        assertThat(kube.resources(ConsortiaNetwork.class).withName(network).get().getSpec().getChannels())
                .filteredOn(c -> c.getName().equals("trade")).singleElement()
                .satisfies(c -> assertThat(c.getOrganizations()).contains(org5Set).hasSize(4));
        await("org5's node serves trade").atMost(Duration.ofMinutes(2))
                .until(() -> nodeView(org5Set + "-0"), n -> n != null && n.get("heights").has("trade"));
        notarize(erin, "org5 notarizes through its own node");
        List<NodeRecord> nodes = platform.bean(Nodes.class).ofConsortium(consortium);
        assertThat(nodes).hasSize(5);
        awaitSameTips(nodes, "trade");
    }

    @Test
    @Order(12)
    void an_organisation_that_leaves_takes_its_statefulset_keys_and_volumes_with_it_and_the_channel_goes_on() {
        long org5 = organizations.get(3);
        String org5Set = "c" + consortium + "-org5";
        String pod = org5Set + "-0";
        String tlsSerial = serialOf(alice, "NODE_TLS", pod);
        String org2Pod = "c" + consortium + "-org2-0";
        String org2PodBefore = podUid(org2Pod);
        Api.Response leave = erin.post("/api/v1/consortia/" + consortium + "/members/" + org5 + "/leave", "");
        assertThat(leave.status()).as(leave.toString()).isEqualTo(202);
        JsonNode left = decided(leave.json().get("id").asLong());
        assertThat(left.get("status").asText()).as(left.toString()).isEqualTo("APPLIED");
        JsonNode operation = alice.get("/api/v1/deployments/" + left.get("deploymentId").asLong()).json();
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("SUCCEEDED");
        assertThat(operation.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Remove organisation " + org5Set + " from ConsortiaNetwork "
                    + network);
            assertThat(step.get("detail").asText()).isEqualTo("the operator deleted StatefulSet " + org5Set + " and its "
                    + "pods; Secret " + org5Set + "-keys and 1 volume claim(s) deleted");
        });
        assertThat(kube.apps().statefulSets().inNamespace(namespace).withName(org5Set).get()).isNull();
        assertThat(kube.pods().inNamespace(namespace).withName(pod).get()).isNull();
        assertThat(kube.secrets().inNamespace(namespace).withName(org5Set + "-keys").get()).isNull();
        assertThat(kube.persistentVolumeClaims().inNamespace(namespace).withName("data-" + pod).get()).isNull();
        ConsortiaNetwork resource = kube.resources(ConsortiaNetwork.class).withName(network).get();
        assertThat(resource.getSpec().getOrganizations()).extracting(o -> o.getName()).doesNotContain(org5Set)
                .hasSize(3);
        assertThat(resource.getSpec().getChannels()).allSatisfy(c -> assertThat(c.getOrganizations())
                .doesNotContain(org5Set));
        // each remaining node restarted in turn, reading the members' roots without org5's
        assertThat(trustedRoots("c" + consortium + "-org2")).isEqualTo(3);
        assertThat(operation.get("steps")).anySatisfy(step -> {
            assertThat(step.get("name").asText()).isEqualTo("Rewrite the trusted TLS roots of " + org2Pod);
            assertThat(step.get("detail").asText()).isEqualTo("pod restarted with the 3 TLS roots ConfigMap c"
                    + consortium + "-org2-config lists");
        });
        assertThat(podUid(org2Pod)).isNotEqualTo(org2PodBefore);
        assertRevoked(tlsSerial);
        assertThat(platform.bean(Nodes.class).ofConsortium(consortium)).extracting(NodeRecord::nodeId)
                .doesNotContain(pod).hasSize(4);
        notarize(alice, "after org5 left");
    }

    private void assertRevoked(String serial) {
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/certificates").json()).anySatisfy(c -> {
            assertThat(c.get("serial").asText()).isEqualTo(serial);
            assertThat(c.get("status").asText()).isEqualTo("REVOKED");
        });
    }

    private String podUid(String pod) {
        return kube.pods().inNamespace(namespace).withName(pod).get().getMetadata().getUid();
    }

    private String configDigest(String statefulSet) {
        return kube.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get().getSpec().getTemplate()
                .getMetadata().getAnnotations().get("consortia.io/config-digest");
    }

    /** How many TLS roots the organisation's ConfigMap lists (the members'). */
    private long trustedRoots(String statefulSet) {
        String roots = kube.configMaps().inNamespace(namespace).withName(statefulSet + "-config").get().getData()
                .get("tls-roots.pem");
        return roots.lines().filter(l -> l.startsWith("-----BEGIN CERTIFICATE")).count();
    }

    private JsonNode decided(long proposal) {
        return await("proposal " + proposal + " decided").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get("/api/v1/channel-proposals/" + proposal).json(),
                        p -> !List.of("PENDING", "APPROVED", "APPLYING").contains(p.get("status").asText()));
    }

    private JsonNode nodeView(String nodeId) {
        for (JsonNode node : alice.get("/api/v1/consortia/" + consortium + "/nodes").json()) {
            if (nodeId.equals(node.get("nodeId").asText())) {
                return node;
            }
        }
        return null;
    }

    /** Every node reaches the same height and hash of the channel's chain. */
    private void awaitSameTips(List<NodeRecord> nodes, String channel) {
        NetworkClients clients = platform.bean(NetworkClients.class);
        await("every node at the same tip").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(GatewayException.class)
                .untilAsserted(() -> {
                    List<String> tips = tips(clients, nodes, channel);
                    assertThat(tips).hasSize(nodes.size()).containsOnly(tips.get(0));
                });
    }

    private List<String> tips(NetworkClients clients, List<NodeRecord> nodes, String channel) {
        List<String> tips = new ArrayList<>();
        for (NodeRecord node : nodes) {
            try (Gateway reader = clients.reader(consortium, node.organizationId(), List.of(node))) {
                var info = reader.channel(channel).chainInfo();
                tips.add(info.getHeight() + ":" + Hashes.hex(info.getCurrentHash().toByteArray()));
            }
        }
        return tips;
    }

    private JsonNode operation(Api user, Api.Response started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode finished = await("certificate operation").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> user.get("/api/v1/deployments/" + started.json().get("id").asLong()).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        return finished;
    }

    private String serialOf(Api user, String role, String subject) {
        for (JsonNode certificate : user.get("/api/v1/consortia/" + consortium + "/certificates").json()) {
            if (role.equals(certificate.get("role").asText()) && subject.equals(certificate.get("subject").asText())
                    && certificate.get("inUse").asBoolean()) {
                return certificate.get("serial").asText();
            }
        }
        throw new AssertionError("No " + role + " certificate of " + subject + " in use");
    }

    private Map<String, String> keys(String secret) {
        return kube.secrets().inNamespace(namespace).withName(secret).get().getData();
    }

    private void notarize(Api user, String document) {
        String hash = Hashes.hex(Hashes.sha256().digest(document.getBytes()));
        Api.Response notarized = user.post(channel("trade") + "/notarizations", Json.of("documentHash", hash));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
    }

    @Test
    @Order(13)
    void a_pod_deleted_under_load_rejoins_from_its_volume_and_no_acknowledged_transaction_is_lost() {
        String victim = "c" + consortium + "-org2-0";
        Pod before = kube.pods().inNamespace(namespace).withName(victim).get();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (running.get()) {
                String hash = Hashes.hex(Hashes.sha256().digest(("load " + sent.incrementAndGet()).getBytes()));
                Api.Response response = alice.post(channel("trade") + "/notarizations", Json.of("documentHash", hash));
                if (response.status() == 201) {
                    acknowledged.add(response.json().get("transactionId").asText());
                }
            }
        }, "client-load");
        load.start();
        try {
            await("load before").atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= 3);
            kube.pods().inNamespace(namespace).withName(victim).delete();
            Pod recreated = await("the StatefulSet recreates " + victim).atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> kube.pods().inNamespace(namespace).withName(victim).get(), p -> p != null
                            && !p.getMetadata().getUid().equals(before.getMetadata().getUid())
                            && p.getStatus().getConditions().stream()
                                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
            assertThat(recreated.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim())
                    .isNotNull());
            int atRejoin = acknowledged.size();
            await("load after").atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= atRejoin + 3);
        } finally {
            running.set(false);
            try {
                load.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("{} notarizations sent, {} acknowledged around the pod's deletion", sent.get(), acknowledged.size());
        for (String transaction : acknowledged) {
            Api.Response found = alice.get(channel("trade") + "/transactions/" + transaction);
            assertThat(found.status()).as(transaction + ": " + found).isEqualTo(200);
        }
        // the same chain on every node, the recreated one included (it caught up from its own volume and the others)
        // the recreated pod's name may not resolve yet although it is Ready (the cluster's hosts entries follow
        // the pod's IP a moment later): awaitSameTips asks a node that cannot be reached yet again at the next poll
        awaitSameTips(platform.bean(Nodes.class).ofConsortium(consortium), "trade");
        JsonNode restarted = alice.get("/api/v1/consortia/" + consortium + "/nodes").json();
        assertThat(restarted).anySatisfy(n -> {
            assertThat(n.get("nodeId").asText()).isEqualTo(victim);
            assertThat(n.get("events").toString()).contains("Scheduled");
        });
    }

    @Test
    @Order(14)
    void a_pod_is_restored_from_its_backup_through_the_node_and_catches_up() {
        String node = "c" + consortium + "-org2-0";
        operation(bob, bob.post("/api/v1/nodes/" + node + "/backups", ""));
        JsonNode backup = bob.get("/api/v1/consortia/" + consortium + "/backups").json().get(0);
        assertThat(backup.get("nodeId").asText()).isEqualTo(node);
        long backupId = backup.get("id").asLong();
        notarize(alice, "after org2's node was backed up");
        String podBefore = podUid(node);

        JsonNode restore = operation(bob, bob.post("/api/v1/nodes/" + node + "/restore", Json.of("backupId", backupId)));
        List<String> steps = new ArrayList<>();
        restore.get("steps").forEach(s -> steps.add(s.get("name").asText()));
        assertThat(steps).containsExactly("Send backup " + backupId + " to " + node, "Stop " + node, "Start " + node,
                "Wait for " + node + " to serve", "Check that " + node + " applied backup " + backupId,
                "Wait for " + node + " to catch up");
        assertThat(restore.get("steps").get(0).get("detail").asText()).isEqualTo("checked and kept by the node: "
                + "main, trade");
        assertThat(podUid(node)).as("restarted to apply the restore").isNotEqualTo(podBefore);
        notarize(bob, "after org2's node was restored");
        awaitSameTips(platform.bean(Nodes.class).ofConsortium(consortium), "trade");
    }

    @Test
    @Order(15)
    void a_new_node_image_rolls_out_one_organisation_at_a_time_and_the_channel_goes_on() {
        List<String> sets = kube.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
                .map(s -> s.getMetadata().getName()).sorted().toList();
        assertThat(sets).hasSize(3);
        String image = "consortia/node:0.1.1-rollout-test"; // the test kubelet runs any tag of consortia/node alike
        ConsortiaNetwork resource = kube.resources(ConsortiaNetwork.class).withName(network).get();
        resource.getSpec().setImage(image);
        kube.resource(resource).update();

        // at every look, at most one organisation's pods are being replaced
        java.util.Set<String> seenRolling = new java.util.TreeSet<>();
        await("every StatefulSet on the new image, settled").atMost(DEPLOY).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<StatefulSet> now = kube.apps().statefulSets().inNamespace(namespace).list().getItems();
                    List<String> unsettled = now.stream().filter(s -> !settled(s)).map(s -> s.getMetadata().getName())
                            .toList();
                    assertThat(unsettled).as("organisations rolling at once").hasSizeLessThanOrEqualTo(1);
                    seenRolling.addAll(unsettled);
                    assertThat(now).allSatisfy(s -> {
                        assertThat(s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                                .isEqualTo(image);
                        assertThat(settled(s)).isTrue();
                    });
                });
        assertThat(seenRolling).as("each organisation's turn was seen").isEqualTo(new java.util.TreeSet<>(sets));
        notarize(alice, "after the network rolled to a new node image");
        awaitSameTips(platform.bean(Nodes.class).ofConsortium(consortium), "trade");
    }

    /** The StatefulSet controller applied its last change, and every pod runs that revision, Ready. */
    private static boolean settled(StatefulSet set) {
        var status = set.getStatus();
        return status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= set.getMetadata().getGeneration()
                && java.util.Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
                && status.getReadyReplicas() != null && status.getReadyReplicas() >= set.getSpec().getReplicas();
    }

    @Test
    @Order(16)
    void deleting_the_network_removes_its_namespace() {
        Api.Response deleting = alice.delete("/api/v1/consortia/" + consortium + "/network?confirm=Acme%20Trade");
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        JsonNode deleted = await("deletion").atMost(DEPLOY).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get("/api/v1/deployments/" + deleting.json().get("id").asLong()).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
        assertThat(deleted.get("status").asText()).as(deleted.toString()).isEqualTo("SUCCEEDED");
        assertThat(kube.namespaces().withName(namespace).get()).isNull();
        assertThat(kube.resources(ConsortiaNetwork.class).withName(network).get()).isNull();
        assertThat(kube.persistentVolumeClaims().inAnyNamespace().list().getItems())
                .noneMatch(c -> namespace.equals(c.getMetadata().getNamespace()));
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/nodes").json()).isEmpty();
    }

    /**
     * A measurement, not a test (nothing is asserted on time): with
     * {@code -Dconsortia.test.kube.time-to-network=true}, a second consortium of 4 organisations is
     * deployed on the same cluster and the time from its deploy call to its first committed block
     * (the first notarization's answer, as {@code consortia bench --time-to-network} counts it) is
     * logged, for docs/performance.md.
     */
    @Test
    @Order(17)
    void time_to_network_of_four_organisations_is_logged_when_asked() {
        assumeTrue(Boolean.getBoolean("consortia.test.kube.time-to-network"), "measurement only on request");
        Api admin = platform.admin();
        long org4 = Fixtures.organization(admin, "org4");
        Api dave = Fixtures.member(admin, org4, "dave", "ADMIN");
        Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "Bench Four",
                "signatureScheme", "ECDSA_P256", "deploymentTarget", "KUBERNETES"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long bench = created.json().get("id").asLong();
        List<Api> admins = List.of(bob, platform.api().login("carol", Fixtures.password("carol")), dave);
        List<Long> invited = List.of(organizations.get(1), organizations.get(2), org4);
        for (int i = 0; i < 3; i++) {
            assertThat(alice.post("/api/v1/consortia/" + bench + "/invitations", Json.of("organizationId",
                    invited.get(i))).status()).isEqualTo(201);
            JsonNode mine = admins.get(i).get("/api/v1/invitations").json();
            long id = mine.get(mine.size() - 1).get("id").asLong();
            assertThat(admins.get(i).post("/api/v1/invitations/" + id + "/accept", "").status()).isEqualTo(200);
        }
        long t0 = System.nanoTime();
        Api.Response started = alice.post("/api/v1/consortia/" + bench + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode finished = await("deployment").atMost(DEPLOY).pollInterval(Duration.ofMillis(250))
                .until(() -> alice.get("/api/v1/deployments/" + started.json().get("id").asLong()).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
        double deployed = (System.nanoTime() - t0) / 1e9;
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        String hash = Hashes.hex(Hashes.sha256().digest("first block".getBytes()));
        Api.Response first = alice.post("/api/v1/consortia/" + bench + "/channels/main/notarizations",
                Json.of("documentHash", hash));
        double firstBlock = (System.nanoTime() - t0) / 1e9;
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        LOG.info(String.format("TIME TO NETWORK (KUBERNETES, test cluster, 4 organisations x 1 node): deploy call to "
                + "first committed block (block %d) %.1f s; deployment SUCCEEDED after %.1f s; load average %.1f",
                first.json().get("blockNumber").asLong(), firstBlock, deployed,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Api.Response deleting = alice.delete("/api/v1/consortia/" + bench + "/network?confirm=Bench%20Four");
        await("deletion").atMost(DEPLOY).until(() -> alice.get("/api/v1/deployments/"
                + deleting.json().get("id").asLong()).json(), d -> !"RUNNING".equals(d.get("status").asText()));
    }

    private String channel(String name) {
        return "/api/v1/consortia/" + consortium + "/channels/" + name;
    }
}
