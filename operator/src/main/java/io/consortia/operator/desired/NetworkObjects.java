package io.consortia.operator.desired;

import io.consortia.operator.OperatorException;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The objects a {@link ConsortiaNetwork} stands for: pure functions of the resource, used by the
 * reconciler (which applies them) and by the manifests writer (which writes them as YAML), so both
 * produce the same objects. See docs/kubernetes.md for the layout.
 */
public final class NetworkObjects {
    static final String CONTAINER = "node";
    static final String DEFAULT_STORAGE = "1Gi";
    /**
     * The private keys: read-only for their owner and the pod's group. The node image runs as an
     * unprivileged user ({@link #NODE_USER}); secret files belong to root, so the pod's fsGroup
     * gives that user read access through the group bit, and nobody else has any.
     */
    static final int KEYS_MODE = 0440;
    /** The unprivileged user and group of the node image (scripts/image-base creates them). */
    static final long NODE_USER = 10001;
    static final String KUBERNETES_NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private NetworkObjects() {}

    /**
     * @throws OperatorException when the spec has problems ({@link SpecValidator}); nothing is built then
     */
    public static DesiredState build(ConsortiaNetwork network, PdbVersion pdbVersion) {
        List<String> problems = SpecValidator.problems(network);
        if (!problems.isEmpty()) {
            throw new OperatorException("ConsortiaNetwork " + network.getMetadata().getName() + " is invalid: "
                    + String.join("; ", problems));
        }
        String name = network.getMetadata().getName();
        String namespace = Names.namespace(network);
        OwnerReference owner = owner(network);
        Namespace ns = new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(namespace).withLabels(Labels.network(name))
                        .withOwnerReferences(owner).build())
                .build();
        Map<String, Integer> budgets = budgets(network.getSpec());
        List<OrganizationObjects> organizations = new ArrayList<>();
        for (OrganizationSpec org : network.getSpec().getOrganizations()) {
            ConfigMap configMap = configMap(network, namespace, org, owner);
            organizations.add(new OrganizationObjects(org.getName(), configMap,
                    peersService(name, namespace, org, owner), clientService(name, namespace, org, owner),
                    statefulSet(network, namespace, org, owner, configDigest(org.getName(), configMap.getData())),
                    podDisruptionBudget(name, namespace, org, owner, budgets.get(org.getName()), pdbVersion),
                    networkPolicy(network, namespace, org, owner)));
        }
        return new DesiredState(ns, organizations);
    }

    /** The owner reference every object carries: deleting the network lets the garbage collector remove it. */
    public static OwnerReference owner(ConsortiaNetwork network) {
        return new OwnerReferenceBuilder()
                .withApiVersion(network.getApiVersion())
                .withKind(network.getKind())
                .withName(network.getMetadata().getName())
                .withUid(network.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    static Map<String, Integer> budgets(ConsortiaNetworkSpec spec) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        spec.getOrganizations().forEach(o -> nodes.put(o.getName(), o.getNodes().size()));
        List<Set<String>> channels = new ArrayList<>();
        for (ChannelSpec channel : spec.getChannels()) {
            channels.add(new LinkedHashSet<>(channel.getOrganizations()));
        }
        return DisruptionBudgets.allocate(nodes, channels);
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels, OwnerReference owner) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner).build();
    }

    static ConfigMap configMap(ConsortiaNetwork network, String namespace, OrganizationSpec org, OwnerReference owner) {
        Map<String, String> data = new TreeMap<>();
        StringBuilder roots = new StringBuilder();
        for (OrganizationSpec member : network.getSpec().getOrganizations()) {
            roots.append(pem(member.getTlsRootCertificate()));
        }
        data.put(Names.TLS_ROOTS, roots.toString());
        if (org.getRootCertificate() != null && !org.getRootCertificate().isBlank()) {
            data.put("root.pem", pem(org.getRootCertificate()));
        }
        data.put("tls-root.pem", pem(org.getTlsRootCertificate()));
        for (int i = 0; i < org.getNodes().size(); i++) {
            String pod = Names.pod(org.getName(), i);
            data.put(Names.nodeYamlKey(pod),
                    NodeYaml.write(NodeYaml.config(namespace, org.getName(), i, Names.nodeOrganization(org))));
            data.put(Names.signingCertificateKey(pod), pem(org.getNodes().get(i).getCertificate()));
            data.put(Names.tlsCertificateKey(pod), pem(org.getNodes().get(i).getTlsCertificate()));
        }
        return new ConfigMapBuilder()
                .withMetadata(meta(Names.configMap(org.getName()), namespace,
                        Labels.organization(network.getMetadata().getName(), org.getName()), owner))
                .withData(data)
                .build();
    }

    private static String pem(String pem) {
        String trimmed = pem.strip();
        return trimmed + "\n";
    }

    private static List<ServicePort> ports() {
        return List.of(servicePort("api", Names.API_PORT), servicePort("raft", Names.RAFT_PORT),
                servicePort("metrics", Names.METRICS_PORT));
    }

    private static ServicePort servicePort(String name, int port) {
        return new ServicePortBuilder().withName(name).withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(port)).build();
    }

    /** Headless: stable per-pod DNS names, published before Ready so Raft peers find each other while starting. */
    static Service peersService(String network, String namespace, OrganizationSpec org, OwnerReference owner) {
        return new ServiceBuilder()
                .withMetadata(meta(Names.peersService(org.getName()), namespace,
                        Labels.organization(network, org.getName()), owner))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(Labels.organizationSelector(network, org.getName()))
                .withPorts(ports())
                .endSpec()
                .build();
    }

    /** For clients: any ready node of the organisation. */
    static Service clientService(String network, String namespace, OrganizationSpec org, OwnerReference owner) {
        return new ServiceBuilder()
                .withMetadata(meta(Names.clientService(org.getName()), namespace,
                        Labels.organization(network, org.getName()), owner))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.organizationSelector(network, org.getName()))
                .withPorts(servicePort("api", Names.API_PORT), servicePort("metrics", Names.METRICS_PORT))
                .endSpec()
                .build();
    }

    static StatefulSet statefulSet(ConsortiaNetwork network, String namespace, OrganizationSpec org,
            OwnerReference owner, String configDigest) {
        String name = network.getMetadata().getName();
        ConsortiaNetworkSpec spec = network.getSpec();
        Map<String, String> labels = Labels.organization(name, org.getName());
        return new StatefulSetBuilder()
                .withMetadata(meta(org.getName(), namespace, labels, owner))
                .withNewSpec()
                .withReplicas(org.getNodes().size())
                .withServiceName(Names.peersService(org.getName()))
                .withPodManagementPolicy("Parallel")
                .withSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Labels.organizationSelector(name, org.getName())).build())
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(Map.of(Labels.CONFIG_DIGEST_ANNOTATION, configDigest))
                .endMetadata()
                .withNewSpec()
                // a node never calls the API server: no token of the namespace's default service account
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(spec.getImage())
                .withImagePullPolicy(spec.getImagePullPolicy())
                .withArgs("--config", Names.CONFIG_DIR + "/$(POD_NAME).yaml")
                .withEnv(env())
                .withPorts(containerPort("api", Names.API_PORT), containerPort("raft", Names.RAFT_PORT),
                        containerPort("metrics", Names.METRICS_PORT))
                .withReadinessProbe(probe(0, 5, 3))
                // a JVM, RocksDB and Raft start slowly on a loaded machine: restart only a node that
                // was given a minute and then stopped answering for a minute
                .withLivenessProbe(probe(60, 10, 6))
                .withResources(spec.getResources())
                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("config").withMountPath(Names.CONFIG_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("keys").withMountPath(Names.KEYS_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath(Names.DATA_DIR).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName(Names.configMap(org.getName()))
                .endConfigMap().endVolume()
                .addNewVolume().withName("keys").withNewSecret().withSecretName(org.getKeysSecret())
                .withDefaultMode(KEYS_MODE).endSecret().endVolume()
                .withNewAffinity().withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Labels.networkSelector(name)).build())
                .withTopologyKey("kubernetes.io/hostname")
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().endAffinity()
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(NODE_USER).withRunAsGroup(NODE_USER).withFsGroup(NODE_USER)
                .endSecurityContext()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(dataClaim(spec, labels))
                .endSpec()
                .build();
    }

    private static List<EnvVar> env() {
        return List.of(fieldEnv("POD_NAME", "metadata.name"), fieldEnv("POD_NAMESPACE", "metadata.namespace"),
                fieldEnv("POD_IP", "status.podIP"));
    }

    private static EnvVar fieldEnv(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withApiVersion("v1")
                .withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    private static ContainerPort containerPort(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
    }

    private static Probe probe(int initialDelay, int period, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/health").withPort(new IntOrString("metrics")).withScheme("HTTP").endHttpGet()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(3)
                .withSuccessThreshold(1)
                .withFailureThreshold(failures)
                .build();
    }

    private static PersistentVolumeClaim dataClaim(ConsortiaNetworkSpec spec, Map<String, String> labels) {
        String size = spec.getStorage() == null || spec.getStorage().getSize() == null
                || spec.getStorage().getSize().isBlank() ? DEFAULT_STORAGE : spec.getStorage().getSize();
        String storageClass = spec.getStorage() == null ? null : spec.getStorage().getStorageClassName();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(labels).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass)
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
                .endSpec()
                .build();
    }

    static HasMetadata podDisruptionBudget(String network, String namespace, OrganizationSpec org, OwnerReference owner,
            int maxUnavailable, PdbVersion version) {
        ObjectMeta meta = meta(org.getName(), namespace, Labels.organization(network, org.getName()), owner);
        LabelSelector selector = new LabelSelectorBuilder()
                .withMatchLabels(Labels.organizationSelector(network, org.getName())).build();
        if (version == PdbVersion.POLICY_V1) {
            return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                    .withMetadata(meta)
                    .withNewSpec().withMaxUnavailable(new IntOrString(maxUnavailable)).withSelector(selector).endSpec()
                    .build();
        }
        return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder()
                .withMetadata(meta)
                .withNewSpec().withMaxUnavailable(new IntOrString(maxUnavailable)).withSelector(selector).endSpec()
                .build();
    }

    /**
     * Admits, on every port of the organisation's pods, only the network's own pods and the
     * platform's pods. Egress is not restricted. The platform's namespace is matched by the
     * {@code kubernetes.io/metadata.name} label, which Kubernetes sets itself from 1.21; on older
     * clusters the platform's namespace needs that label (docs/kubernetes.md).
     */
    static NetworkPolicy networkPolicy(ConsortiaNetwork network, String namespace, OrganizationSpec org,
            OwnerReference owner) {
        String name = network.getMetadata().getName();
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.networkSelector(name)).build())
                .build());
        var platform = network.getSpec().getPlatform();
        if (platform != null && !platform.getPodLabels().isEmpty()) {
            NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                    .withPodSelector(new LabelSelectorBuilder().withMatchLabels(platform.getPodLabels()).build());
            if (platform.getNamespace() != null && !platform.getNamespace().isBlank()
                    && !platform.getNamespace().equals(namespace)) {
                peer.withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(KUBERNETES_NAMESPACE_NAME_LABEL, platform.getNamespace())).build());
            }
            from.add(peer.build());
        }
        return new NetworkPolicyBuilder()
                .withMetadata(meta(org.getName(), namespace, Labels.organization(name, org.getName()), owner))
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Labels.organizationSelector(name, org.getName())).build())
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(from).endIngress()
                .endSpec()
                .build();
    }

    /**
     * The digest on the pod template, so that a changed configuration rolls the organisation's pods:
     * what all its pods read alike (its roots), not what one pod reads (its node.yaml and
     * certificates) nor the members' TLS roots. A pod's own entries change when a node is added,
     * removed or renewed, and rolling on them would restart every other pod of the organisation
     * too; the roots change in every organisation's ConfigMap when one joins or leaves, and rolling
     * on them would restart every organisation's pods at once, a channel's whole Raft group down at
     * the same moment. A new pod reads its entries when it starts; a renewed node's pod and, after a
     * leave, every remaining pod is restarted by the platform, one at a time.
     */
    static String configDigest(String organization, Map<String, String> data) {
        Pattern ownEntry = Pattern.compile(Pattern.quote(organization) + "-[0-9]+[.-].*");
        Map<String, String> shared = new TreeMap<>(data);
        shared.remove(Names.TLS_ROOTS);
        shared.keySet().removeIf(key -> ownEntry.matcher(key).matches());
        return digest(shared);
    }

    static String digest(Map<String, String> data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(data).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
