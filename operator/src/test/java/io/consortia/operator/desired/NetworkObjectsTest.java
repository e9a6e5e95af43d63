package io.consortia.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.consortia.crypto.Pem;
import io.consortia.operator.OperatorException;
import io.consortia.operator.TestNetworks;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.OrganizationSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkObjectsTest {
    private static final TestNetworks.Fixture FIXTURE = TestNetworks.network("acme", 3, 2);
    private static final ConsortiaNetwork NETWORK = FIXTURE.network();
    private static final DesiredState STATE = NetworkObjects.build(NETWORK, PdbVersion.POLICY_V1);

    @Test
    void everyObjectIsLabelledAndOwnedByTheNetwork() {
        List<HasMetadata> objects = STATE.objects();
        assertThat(objects).hasSize(1 + 3 * 6);
        for (HasMetadata object : objects) {
            Map<String, String> labels = object.getMetadata().getLabels();
            assertThat(labels).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsEntry(Labels.PART_OF, "consortia").containsEntry(Labels.NETWORK, "acme");
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            assertThat(owners).singleElement().satisfies(owner -> {
                assertThat(owner.getApiVersion()).isEqualTo("consortia.io/v1alpha1");
                assertThat(owner.getKind()).isEqualTo("ConsortiaNetwork");
                assertThat(owner.getName()).isEqualTo("acme");
                assertThat(owner.getUid()).isEqualTo(NETWORK.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
            });
        }
        assertThat(STATE.namespaceName()).isEqualTo("consortia-acme");
        assertThat(objects.subList(1, objects.size())).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo("consortia-acme");
            assertThat(o.getMetadata().getLabels()).containsKey(Labels.ORGANIZATION);
        });
    }

    @Test
    void statefulSetRunsOneNodePerSpecEntryWithProbesVolumesAndSpread() {
        StatefulSet sts = STATE.organizations().get(1).statefulSet();

        assertThat(sts.getMetadata().getName()).isEqualTo("org2");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
        assertThat(sts.getSpec().getServiceName()).isEqualTo("org2-peers");
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of(Labels.NETWORK, "acme", Labels.ORGANIZATION, "org2"));
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        Container node = pod.getContainers().get(0);
        assertThat(node.getName()).isEqualTo("node");
        assertThat(node.getImage()).isEqualTo("consortia/node:0.1.0");
        assertThat(node.getArgs()).containsExactly("--config", "/etc/consortia/config/$(POD_NAME).yaml");
        assertThat(node.getEnv()).extracting(EnvVar::getName).containsExactly("POD_NAME", "POD_NAMESPACE", "POD_IP");
        assertThat(node.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(node.getEnv().get(2).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(node.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("api:7051", "raft:7052", "metrics:7053");
        for (var probe : List.of(node.getReadinessProbe(), node.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        }
        assertThat(node.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
        assertThat(node.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("config", "/etc/consortia/config"),
                org.assertj.core.groups.Tuple.tuple("keys", "/etc/consortia/keys"),
                org.assertj.core.groups.Tuple.tuple("data", "/var/lib/consortia"));
        Volume keys = pod.getVolumes().stream().filter(v -> v.getName().equals("keys")).findFirst().orElseThrow();
        assertThat(keys.getSecret().getSecretName()).isEqualTo("org2-keys");
        assertThat(keys.getSecret().getDefaultMode()).isEqualTo(0440);
        // the image's unprivileged user reads the keys through the pod's group
        var security = pod.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getFsGroup()).isEqualTo(10001L);
        assertThat(node.getSecurityContext()
                .getAllowPrivilegeEscalation()).isFalse();
        // a node never calls the API server: it gets no service account token (the namespace's default one)
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Volume config = pod.getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow();
        assertThat(config.getConfigMap().getName()).isEqualTo("org2-config");
        var spread = pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(spread.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(spread.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(Map.of(Labels.NETWORK, "acme"));
        var claim = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("consortia-test");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
    }

    @Test
    void servicesGivePeersStableNamesAndClientsOnePort() {
        OrganizationObjects org1 = STATE.organizations().get(0);

        assertThat(org1.peersService().getMetadata().getName()).isEqualTo("org1-peers");
        assertThat(org1.peersService().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(org1.peersService().getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(org1.clientService().getMetadata().getName()).isEqualTo("org1");
        assertThat(org1.clientService().getSpec().getPorts()).allSatisfy(
                p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(p.getPort()));
        assertThat(org1.clientService().getSpec().getSelector())
                .isEqualTo(Map.of(Labels.NETWORK, "acme", Labels.ORGANIZATION, "org1"));
    }

    @Test
    void configMapHoldsEachPodsNodeYamlWrittenByTheNodesWriterAndThePublicCertificates() throws Exception {
        ConfigMap config = STATE.organizations().get(2).configMap();
        Map<String, String> data = config.getData();

        assertThat(data).containsKeys("org3-0.yaml", "org3-1.yaml", "org3-0-node.pem", "org3-0-tls.pem", "tls-roots.pem");
        var yaml = new ObjectMapper(new YAMLFactory());
        var node = yaml.readTree(data.get("org3-1.yaml"));
        assertThat(node.get("nodeId").asText()).isEqualTo("org3-1");
        assertThat(node.get("organization").asText()).isEqualTo("Org3");
        assertThat(node.get("dataDir").asText()).isEqualTo("/var/lib/consortia");
        assertThat(node.at("/api/host").asText()).isEqualTo("org3-1.org3-peers.consortia-acme.svc.cluster.local");
        assertThat(node.at("/api/port").asInt()).isEqualTo(7051);
        assertThat(node.at("/raft/port").asInt()).isEqualTo(7052);
        assertThat(node.at("/metrics/port").asInt()).isEqualTo(7053);
        assertThat(node.at("/identity/certificate").asText()).isEqualTo("/etc/consortia/config/org3-1-node.pem");
        assertThat(node.at("/identity/privateKey").asText()).isEqualTo("/etc/consortia/keys/org3-1-node.key");
        assertThat(node.at("/tls/enabled").asBoolean()).isTrue();
        assertThat(node.at("/tls/privateKey").asText()).isEqualTo("/etc/consortia/keys/org3-1-tls.key");
        assertThat(node.at("/tls/trustedRoots").asText()).isEqualTo("/etc/consortia/config/tls-roots.pem");
        // the node's own reader accepts the file (its typed fields, without the file checks)
        yaml.findAndRegisterModules().readValue(data.get("org3-1.yaml"), io.consortia.node.config.NodeConfig.class);
        // every member's TLS root, so the node accepts peers of all organisations
        assertThat(Pem.readCertificates(data.get("tls-roots.pem"))).hasSize(3);
        assertThat(Pem.readCertificate(data.get("org3-1-tls.pem")).getSubjectX500Principal().getName()).contains("org3-1");
    }

    @Test
    void noPrivateKeyInAnyConfigMapOrTheResource() {
        String everything = Serialization.asYaml(NETWORK) + STATE.objects().stream().map(Serialization::asYaml)
                .reduce("", String::concat);

        assertThat(everything).doesNotContain("PRIVATE KEY");
        // the keys exist, in the Secrets only
        assertThat(FIXTURE.secrets()).allSatisfy(s -> assertThat(s.getStringData().values()).allSatisfy(
                v -> assertThat(v).contains("PRIVATE KEY")));
    }

    @Test
    void aPrivateKeyInTheSpecIsRefusedWithoutEchoingIt() {
        ConsortiaNetwork leaky = TestNetworks.network("leaky", 1, 1).network();
        String key = TestNetworks.network("other", 1, 1).secrets().get(0).getStringData().get("org1-0-node.key");
        leaky.getSpec().getOrganizations().get(0).getNodes().get(0).setCertificate(key);

        assertThatThrownBy(() -> NetworkObjects.build(leaky, PdbVersion.POLICY_V1))
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("spec.organizations[0].nodes[0].certificate holds a private key")
                .message().doesNotContain("PRIVATE KEY");
    }

    @Test
    void invalidSpecsAreRefusedNamingTheField() {
        ConsortiaNetwork bad = TestNetworks.network("bad", 2, 1).network();
        bad.getSpec().getOrganizations().get(1).setName("org1");
        bad.getSpec().getOrganizations().get(0).setDisplayName("Org One");
        bad.getSpec().getChannels().get(0).getOrganizations().add("org9");

        assertThat(SpecValidator.problems(bad)).containsExactly(
                "spec.organizations[0].displayName 'Org One' must be 1-63 letters, digits, '.', '_' or '-' (the nodes' organization)",
                "spec.organizations[1].name 'org1' is used twice",
                "spec.channels[0] names organisation 'org2', which is not in spec.organizations",
                "spec.channels[0] names organisation 'org9', which is not in spec.organizations");
    }

    @Test
    void disruptionBudgetFollowsTheServedApiAndKeepsTheMajority() {
        assertThat(STATE.organizations()).allSatisfy(o -> assertThat(o.podDisruptionBudget())
                .isInstanceOf(PodDisruptionBudget.class));
        int total = STATE.organizations().stream()
                .mapToInt(o -> ((PodDisruptionBudget) o.podDisruptionBudget()).getSpec().getMaxUnavailable().getIntVal())
                .sum();
        assertThat(total).isEqualTo(2); // 6 voters keep 4

        DesiredState old = NetworkObjects.build(NETWORK, PdbVersion.POLICY_V1BETA1);
        HasMetadata pdb = old.organizations().get(0).podDisruptionBudget();
        assertThat(pdb.getApiVersion()).isEqualTo("policy/v1beta1");
        assertThat(((io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget) pdb).getSpec().getSelector()
                .getMatchLabels()).isEqualTo(Map.of(Labels.NETWORK, "acme", Labels.ORGANIZATION, "org1"));
    }

    @Test
    void networkPolicyAdmitsOnlyTheNetworkAndThePlatform() {
        NetworkPolicy policy = STATE.organizations().get(0).networkPolicy();

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Map.of(Labels.NETWORK, "acme", Labels.ORGANIZATION, "org1"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        var from = policy.getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(2);
        assertThat(from.get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of(Labels.NETWORK, "acme"));
        assertThat(from.get(0).getNamespaceSelector()).isNull(); // this namespace only
        assertThat(from.get(1).getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "consortia-platform"));
        assertThat(from.get(1).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "consortia"));
    }

    @Test
    void buildingIsAPureFunction() {
        assertThat(NetworkObjects.build(NETWORK, PdbVersion.POLICY_V1).objects()).isEqualTo(STATE.objects());
    }

    @Test
    void aRenewedNodeChangesItsEntriesButNotThePodTemplateSoNoOtherPodRestarts() {
        ConsortiaNetwork renewed = Serialization.clone(NETWORK);
        renewed.getSpec().getOrganizations().get(0).getNodes().set(0,
                TestNetworks.network("acme", 1, 1).network().getSpec().getOrganizations().get(0).getNodes().get(0));
        DesiredState after = NetworkObjects.build(renewed, PdbVersion.POLICY_V1);

        String pod = Names.pod(NETWORK.getSpec().getOrganizations().get(0).getName(), 0);
        assertThat(after.organizations().get(0).configMap().getData().get(Names.signingCertificateKey(pod)))
                .isNotEqualTo(STATE.organizations().get(0).configMap().getData().get(Names.signingCertificateKey(pod)));
        assertThat(after.organizations().get(0).statefulSet()).isEqualTo(STATE.organizations().get(0).statefulSet());
        assertThat(after.organizations().get(1).statefulSet()).isEqualTo(STATE.organizations().get(1).statefulSet());
    }

    @Test
    void aChangedSharedConfigurationChangesThePodTemplateSoPodsRoll() {
        ConsortiaNetwork rerooted = Serialization.clone(NETWORK);
        rerooted.getSpec().getOrganizations().get(0).setRootCertificate(rerooted.getSpec().getOrganizations().get(1)
                .getRootCertificate());
        DesiredState after = NetworkObjects.build(rerooted, PdbVersion.POLICY_V1);

        String before = STATE.organizations().get(0).statefulSet().getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Labels.CONFIG_DIGEST_ANNOTATION);
        assertThat(after.organizations().get(0).statefulSet().getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Labels.CONFIG_DIGEST_ANNOTATION)).isNotEqualTo(before);
    }

    @Test
    void anOrganisationJoiningChangesTheOthersTrustedRootsWithoutRollingTheirPods() {
        ConsortiaNetwork joined = Serialization.clone(NETWORK);
        OrganizationSpec newcomer = Serialization.clone(TestNetworks.network("newco", 1, 1).network().getSpec()
                .getOrganizations().get(0));
        newcomer.setName("newco");
        joined.getSpec().getOrganizations().add(newcomer);
        DesiredState after = NetworkObjects.build(joined, PdbVersion.POLICY_V1);

        assertThat(after.organizations().get(0).configMap().getData().get(Names.TLS_ROOTS))
                .isNotEqualTo(STATE.organizations().get(0).configMap().getData().get(Names.TLS_ROOTS))
                .contains(newcomer.getTlsRootCertificate().strip());
        assertThat(after.organizations().get(0).statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(STATE.organizations().get(0).statefulSet().getSpec().getTemplate().getMetadata()
                        .getAnnotations());
        assertThat(after.organizations().get(0).statefulSet()).isEqualTo(STATE.organizations().get(0).statefulSet());
    }
}
