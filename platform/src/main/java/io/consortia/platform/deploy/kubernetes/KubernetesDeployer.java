package io.consortia.platform.deploy.kubernetes;

import io.consortia.common.Poll;
import io.consortia.crypto.Pem;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.desired.Names;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NetworkDeployer;
import io.consortia.platform.deploy.NetworkPlan;
import io.consortia.platform.deploy.NodeHealth;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeObservation;
import io.consortia.platform.deploy.NodePlacement;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeVitals;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.system.KubernetesProperties;
import io.consortia.platform.system.PlatformException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Nodes as pods of a ConsortiaNetwork on the configured cluster; see the package documentation. */
@Component
@ConditionalOnProperty(name = KubernetesProperties.ENABLED, havingValue = "true")
public class KubernetesDeployer implements NetworkDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDeployer.class);
    public static final String TARGET = "KUBERNETES";
    private static final String HANDLE = "kubernetes:";
    private static final Duration POLL = Duration.ofMillis(500);
    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final ConsortiumService consortia;
    private final PodObserver pods;
    private final NodeHealth health = new NodeHealth();

    public KubernetesDeployer(KubernetesClient client, KubernetesProperties properties, ConsortiumService consortia) {
        this.client = client;
        this.properties = properties;
        this.consortia = consortia;
        this.pods = new PodObserver(client);
    }

    @Override
    public String target() {
        return TARGET;
    }

    /**
     * {@code c<consortium>-<organisation>-<i>}, the pod's name; the StatefulSet part must fit the
     * resource's organisation name (42 characters), else the organisation's id stands for its name.
     */
    @Override
    public String nodeId(long consortiumId, Organization organization, int index) {
        String statefulSet = "c" + consortiumId + "-" + organization.name();
        return (statefulSet.length() <= 42 ? statefulSet : "c" + consortiumId + "-o" + organization.id()) + "-" + index;
    }

    /** The pod's stable DNS name and the node's fixed ports; the handle names the namespace and pod. */
    @Override
    public NodePlacement place(long consortiumId, String nodeId) {
        String namespace = namespace(consortia.get(consortiumId));
        return new NodePlacement(KubernetesNames.fqdn(nodeId, namespace), KubernetesNames.API_PORT,
                KubernetesNames.RAFT_PORT, KubernetesNames.METRICS_PORT, HANDLE + namespace + "/" + nodeId);
    }

    @Override
    public List<String> tlsHosts(NodePlacement placement) {
        String[] handle = handle(placement.directory());
        return KubernetesNames.tlsHosts(handle[1], handle[0]);
    }

    /**
     * A node added to a running network (the first deployment writes the whole network instead,
     * {@link #apply}): its keys into its organisation's Secret, its certificates as the next node of
     * the organisation in the resource; the operator scales the StatefulSet up, and this returns when
     * its pods are all Ready (the others keep running: a StatefulSet does not roll for one pod's entries).
     */
    @Override
    public void install(NodeRecord node, NodeInstallation installation) {
        write(node, new NodeCredentials(installation.signing(), installation.tls()));
    }

    @Override
    public boolean changesNodes() {
        return true;
    }

    /** 409 before anything changes unless the node is its StatefulSet's last pod and not its only one. */
    @Override
    public void requireRemovable(NodeRecord node) {
        String pod = handle(node.directory())[1];
        String statefulSet = KubernetesNames.statefulSet(pod);
        int listed = listedNodes(node.consortiumId(), statefulSet);
        if (pod.equals(statefulSet + "-" + listed)) {
            return; // an earlier removal took it out of the resource and then failed: finish it
        }
        if (listed <= 1) {
            throw PlatformException.conflict("Node " + pod + " is the only pod of StatefulSet " + statefulSet
                    + ": on " + TARGET + " an organisation keeps at least one node. Nothing was changed");
        }
        if (!pod.equals(statefulSet + "-" + (listed - 1))) {
            throw PlatformException.conflict("StatefulSet " + statefulSet + " numbers its pods 0 to " + (listed - 1)
                    + " and gives up only its last one: remove " + statefulSet + "-" + (listed - 1) + " instead of "
                    + pod + ". Nothing was changed");
        }
    }

    /** The organisation's last pod out of the resource, its keys and volume claim deleted ({@link OrganizationRollout#remove}). */
    @Override
    public String removeFromNetwork(NodeRecord node) {
        String[] handle = handle(node.directory());
        ConsortiaNetwork network = findNetwork(node.consortiumId()).orElseThrow(() -> new IllegalStateException(
                "Consortium " + node.consortiumId() + " has no ConsortiaNetwork on the cluster"));
        try {
            return new OrganizationRollout(client, properties.readyTimeout()).remove(network, handle[0], handle[1]);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot take " + handle[1] + " out of its StatefulSet", e);
        }
    }

    private int listedNodes(long consortiumId, String statefulSet) {
        ConsortiaNetwork network = findNetwork(consortiumId).orElseThrow(() -> PlatformException.conflict(
                "Consortium " + consortiumId + " has no ConsortiaNetwork on the cluster; deploy it first"));
        return network.getSpec().getOrganizations().stream().filter(o -> o.getName().equals(statefulSet))
                .findFirst().map(o -> o.getNodes().size()).orElseThrow(() -> PlatformException.conflict(
                        "The organisation has no StatefulSet " + statefulSet + " in ConsortiaNetwork "
                                + network.getMetadata().getName() + ": only an organisation deployed with the network "
                                + "changes its nodes on " + TARGET));
    }

    /** 409 before anything changes unless {@code nodeId} is the next pod of an organisation the resource lists. */
    @Override
    public void requireAddable(long consortiumId, String nodeId) {
        String statefulSet = KubernetesNames.statefulSet(nodeId);
        int listed = listedNodes(consortiumId, statefulSet);
        if (!nodeId.equals(statefulSet + "-" + listed)) {
            throw PlatformException.conflict("StatefulSet " + statefulSet + " numbers its pods 0 to " + (listed - 1)
                    + "; the next node would be " + nodeId + ". Delete and deploy the network again to renumber it");
        }
    }

    @Override
    public boolean changesMembers() {
        return true;
    }

    /** A new StatefulSet of the organisation; the others' pods keep running ({@link MemberRollout#add}). */
    @Override
    public void addMember(long consortiumId, NetworkPlan.Member member, DeploymentSteps steps) {
        ConsortiaNetwork network = findNetwork(consortiumId).orElseThrow(() -> new IllegalStateException(
                "Consortium " + consortiumId + " has no ConsortiaNetwork on the cluster: deploy it again"));
        try {
            new MemberRollout(client, properties.readyTimeout()).add(network, member, steps);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot add organisation " + member.organization().name() + " to the network", e);
        }
    }

    /** Its StatefulSet deleted by the operator, its Secret and claims by the platform ({@link MemberRollout#remove}). */
    @Override
    public void removeMember(long consortiumId, List<NodeRecord> nodes, DeploymentSteps steps) {
        if (nodes.isEmpty()) {
            return;
        }
        Optional<ConsortiaNetwork> network = findNetwork(consortiumId);
        if (network.isEmpty()) {
            return; // nothing left on the cluster
        }
        List<String> pods = nodes.stream().map(n -> handle(n.directory())[1]).toList();
        try {
            new MemberRollout(client, properties.readyTimeout()).remove(network.get(),
                    KubernetesNames.statefulSet(pods.get(0)), pods, steps);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot remove StatefulSet " + KubernetesNames.statefulSet(pods.get(0))
                    + " from the network", e);
        }
    }

    /**
     * The organisation's ConfigMap lists the members' TLS roots once the operator followed the
     * resource, and a node reads them when it starts: its pod is restarted with them, and this
     * returns once the node serves again. The pods do not roll on the roots by themselves (that
     * would restart every organisation's at once); the platform goes through the nodes in turn, so
     * a channel loses one member at a time.
     */
    @Override
    public String replaceTrustedRoots(NodeRecord node, List<X509Certificate> roots) {
        String[] handle = handle(node.directory());
        String configMap = KubernetesNames.configMap(KubernetesNames.statefulSet(handle[1]));
        Set<String> wanted = roots.stream().map(Pem::write).collect(Collectors.toSet());
        Poll.until(properties.readyTimeout(), POLL, () -> {
            ConfigMap now = client.configMaps().inNamespace(handle[0]).withName(configMap).get();
            String listed = now == null || now.getData() == null ? null : now.getData().get(Names.TLS_ROOTS);
            return listed != null && Pem.readCertificates(listed).stream().map(Pem::write)
                    .collect(Collectors.toSet()).equals(wanted) ? Boolean.TRUE : null;
        }).orElseThrow(() -> new IllegalStateException("ConfigMap " + configMap + " did not list the members' "
                + roots.size() + " TLS roots within " + properties.readyTimeout().toSeconds() + " s: is the "
                + "Consortia operator running?"));
        stop(node);
        Poll.until(properties.readyTimeout(), POLL, () -> isServing(node) ? Boolean.TRUE : null)
                .orElseThrow(() -> new IllegalStateException(handle[1] + " did not serve again within "
                        + properties.readyTimeout().toSeconds() + " s after its pod was restarted"));
        return DeploymentTexts.ROOTS_RESTARTED.of(roots.size(), configMap);
    }

    /** The StatefulSet starts (and restarts) the pod; nothing to do. */
    @Override
    public long start(NodeRecord node) {
        return 0;
    }

    /**
     * Deletes the node's pod, which its StatefulSet recreates on the same volume: a restart.
     * Returns once the old pod is gone, so that a following health check reaches the new one.
     */
    @Override
    public void stop(NodeRecord node) {
        String[] handle = handle(node.directory());
        Resource<Pod> pod = client.pods().inNamespace(handle[0]).withName(handle[1]);
        Pod old = pod.get();
        if (old == null) {
            return;
        }
        pod.delete();
        String uid = old.getMetadata().getUid();
        Poll.until(properties.readyTimeout(), POLL, () -> {
            Pod now = pod.get();
            return now == null || !uid.equals(now.getMetadata().getUid()) ? Boolean.TRUE : null;
        }).orElseThrow(() -> new IllegalStateException("Pod " + handle[1] + " was not deleted within "
                + properties.readyTimeout().toSeconds() + " s"));
    }

    /** While the network's resource exists, the cluster keeps the node running (a pod may be being recreated). */
    @Override
    public boolean isRunning(NodeRecord node) {
        return hasNetwork(node.consortiumId());
    }

    @Override
    public boolean isServing(NodeRecord node) {
        return health.read(node).map(NodeHealth.Report::serving).orElse(false);
    }

    @Override
    public NodeVitals vitals(NodeRecord node) {
        return health.read(node).map(NodeVitals::of).orElse(NodeVitals.NONE);
    }

    /** New keys and certificates: the node's pod restarts with them ({@link OrganizationRollout}). */
    @Override
    public String replaceCredentials(NodeRecord node, NodeCredentials credentials) {
        return write(node, credentials);
    }

    private String write(NodeRecord node, NodeCredentials credentials) {
        String[] handle = handle(node.directory());
        ConsortiaNetwork network = findNetwork(node.consortiumId()).orElseThrow(() -> new IllegalStateException(
                "Consortium " + node.consortiumId() + " has no ConsortiaNetwork on the cluster: deploy it again"));
        String detail;
        try {
            detail = new OrganizationRollout(client, properties.readyTimeout()).write(network, handle[0], handle[1],
                    credentials);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot write the new keys and certificates of " + handle[1], e);
        }
        // the restarted pod is Ready a moment before the platform's name for it resolves to its new address
        Poll.until(properties.readyTimeout(), POLL, () -> isServing(node) ? Boolean.TRUE : null)
                .orElseThrow(() -> new IllegalStateException(handle[1] + " is Ready on the cluster but did not answer "
                        + "the platform's health check within " + properties.readyTimeout().toSeconds() + " s"));
        return detail;
    }

    @Override
    public boolean replacesCredentials() {
        return true;
    }

    @Override
    public boolean selfHealing() {
        return true;
    }

    @Override
    public NodeObservation observe(NodeRecord node) {
        String[] handle = handle(node.directory());
        try {
            return pods.observe(handle[0], handle[1]);
        } catch (KubernetesClientException e) {
            LOG.debug("Cannot observe pod {}", handle[1], e);
            return NodeObservation.NONE;
        }
    }

    /** One list of pods and one of events per namespace (a network), whatever its number of nodes. */
    @Override
    public Map<String, NodeObservation> observeAll(List<NodeRecord> nodes) {
        Map<String, NodeObservation> seen = new HashMap<>();
        nodes.stream().collect(Collectors.groupingBy(n -> handle(n.directory())[0])).forEach((namespace, members) -> {
            Map<String, String> podOf = members.stream()
                    .collect(Collectors.toMap(NodeRecord::nodeId, n -> handle(n.directory())[1]));
            try {
                Map<String, NodeObservation> byPod = pods.observeAll(namespace, podOf.values());
                podOf.forEach((node, pod) -> seen.put(node, byPod.get(pod)));
            } catch (KubernetesClientException e) {
                LOG.debug("Cannot observe the pods of namespace {}", namespace, e);
                podOf.keySet().forEach(node -> seen.put(node, NodeObservation.NONE));
            }
        });
        return seen;
    }

    /** The namespace goes with the resource; nothing per node. */
    @Override
    public void remove(NodeRecord node) {}

    /** The node container's last lines, through the API server (pods/log with tailLines). */
    @Override
    public String logs(NodeRecord node, int lines) {
        String[] handle = handle(node.directory());
        try {
            return pods.log(handle[0], handle[1], lines);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot read the log of pod " + handle[1] + " in " + handle[0], e);
        }
    }

    /** The container's lines carry only a time of day: the API server prefixes each with its date and time. */
    @Override
    public String timedLogs(NodeRecord node, int lines) {
        String[] handle = handle(node.directory());
        try {
            return pods.timedLog(handle[0], handle[1], lines);
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot read the log of pod " + handle[1] + " in " + handle[0], e);
        }
    }

    @Override
    public void apply(NetworkPlan plan, DeploymentSteps steps) {
        requireStorageClass();
        String name = KubernetesNames.network(plan.consortium());
        String namespace = namespace(plan.consortium());
        ConsortiaNetwork applied = steps.step(DeploymentTexts.APPLY_NETWORK.of(name), null, () -> applyResource(plan));
        steps.step(DeploymentTexts.AWAIT_NAMESPACE.of(namespace), null, () -> awaitNamespace(name, namespace));
        for (NetworkPlan.Member member : plan.members()) {
            Secret secret = OrganizationKeys.secret(namespace, name, member, applied);
            steps.step(DeploymentTexts.WRITE_SECRET.of(secret.getMetadata().getName()), null,
                    () -> OrganizationKeys.apply(client, secret, member));
        }
        awaitReady(name, namespace, plan.nodeCount(), steps);
    }

    /**
     * The configured StorageClass exists, before anything is written: a misspelt one left every volume
     * claim Pending and was found only when the deployment timed out (ready-timeout, 10 min by default).
     * A platform whose role may not read StorageClasses (one not upgraded with the chart) deploys as
     * before: the check is a shortcut, the cluster's own refusal still names the class on timeout.
     */
    private void requireStorageClass() {
        String storageClass = properties.storageClass();
        if (storageClass.isBlank()) {
            return; // the cluster's default class
        }
        try {
            if (client.storage().v1().storageClasses().withName(storageClass).get() == null) {
                throw new IllegalStateException(DeploymentTexts.NO_STORAGE_CLASS.of(storageClass));
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw unavailable("Cannot read StorageClass " + storageClass, e);
            }
            LOG.warn("Cannot check that StorageClass {} (consortia.kubernetes.storage-class) exists: the platform's "
                    + "role may not get storageclasses (storage.k8s.io); upgrade the chart's ClusterRole", storageClass);
        }
    }

    /** Creates or updates the resource; an identical one is left alone (no new resourceVersion). */
    private ConsortiaNetwork applyResource(NetworkPlan plan) {
        String name = KubernetesNames.network(plan.consortium());
        ConsortiaNetwork existing = networks().withName(name).get();
        List<ChannelSpec> channels = existing == null ? List.of() : existing.getSpec().getChannels();
        ConsortiaNetwork desired = NetworkResource.desired(plan, properties, channels);
        if (NetworkResource.same(existing, desired)) {
            return existing;
        }
        try {
            if (existing == null) {
                return networks().resource(desired).create();
            }
            // a patch of what the platform owns: the operator's finalizers, annotations and status stay
            return networks().withName(name).edit(current -> {
                current.setSpec(desired.getSpec());
                current.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
                if (!current.getMetadata().getFinalizers().contains(KubernetesNames.PLATFORM_FINALIZER)) {
                    current.getMetadata().getFinalizers().add(KubernetesNames.PLATFORM_FINALIZER);
                }
                return current;
            });
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot write ConsortiaNetwork " + name + (e.getCode() == 404
                    ? ": the cluster does not know the resource; install its CustomResourceDefinition "
                    + "(deploy/helm/consortia, or consortia.kubernetes.operator.enabled=true)" : ""), e);
        }
    }

    private String awaitNamespace(String name, String namespace) {
        return Poll.until(properties.readyTimeout(), POLL,
                () -> client.namespaces().withName(namespace).get() != null ? DeploymentTexts.CREATED_BY_OPERATOR.of()
                        : null)
                .orElseThrow(() -> new IllegalStateException(DeploymentTexts.NAMESPACE_NOT_CREATED.of(namespace,
                        properties.readyTimeout().toSeconds(), statusOf(name))));
    }

    /**
     * One step "Pods ready k/m", RUNNING while it waits and updated in place as pods become ready,
     * its detail why the others are not (each pod's reason in the cluster's words, as the Nodes tab
     * shows it); DONE as "Pods ready m/m" once all are. The resource's status is not quoted while
     * it waits: the operator writes it every few seconds, so it lags the pods and contradicted the
     * count. On timeout the step fails with the pods' reasons, the resource's failing conditions and
     * the namespace's last warning events.
     */
    private void awaitReady(String name, String namespace, int expected, DeploymentSteps steps) {
        steps.stepInPlace(DeploymentTexts.PODS_READY.of(0, expected), null, progress -> {
            int[] ready = {0};
            String[] why = {""};
            String[] shown = {null};
            Optional<String> done = Poll.until(properties.readyTimeout(), POLL, () -> {
                List<Pod> current = client.pods().inNamespace(namespace).withLabel(KubernetesNames.NETWORK_LABEL, name)
                        .list().getItems();
                ready[0] = (int) current.stream().filter(PodObserver::isReady).count();
                why[0] = notReady(current);
                String now = DeploymentTexts.PODS_READY.of(Math.min(ready[0], expected), expected);
                if (ready[0] < expected && !(now + "\n" + why[0]).equals(shown[0])) {
                    progress.update(now, why[0].isEmpty() ? null : why[0]);
                    shown[0] = now + "\n" + why[0];
                }
                return ready[0] >= expected ? "ready" : null;
            });
            if (done.isEmpty()) {
                throw new IllegalStateException(DeploymentTexts.PODS_NOT_READY_IN_TIME.of(ready[0], expected,
                        properties.readyTimeout().toSeconds(), (why[0].isEmpty() ? ""
                                : DeploymentTexts.NOT_READY_PODS.of(why[0])) + statusOf(name) + warnings(namespace)));
            }
            progress.update(DeploymentTexts.PODS_READY.of(expected, expected), null);
            return null;
        });
    }

    /** The pods that are not ready, each with why in the cluster's words ("c7-org1-0: ContainerCreating: ..."). */
    static String notReady(List<Pod> pods) {
        return pods.stream().filter(p -> !PodObserver.isReady(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> {
                    String problem = PodObserver.problem(p, List.of());
                    return p.getMetadata().getName() + ": " + (problem == null ? "not ready" : problem);
                })
                .collect(Collectors.joining("; "));
    }

    @Override
    public void channelCreated(long consortiumId, String channel, List<Organization> organizations) {
        findNetwork(consortiumId).ifPresent(network -> {
            if (network.getSpec().getChannels().stream().anyMatch(c -> c.getName().equals(channel))) {
                return;
            }
            List<String> members = statefulSets(network, organizations);
            networks().withName(network.getMetadata().getName()).edit(n -> {
                n.getSpec().getChannels().add(new ChannelSpec(channel, members));
                return n;
            });
        });
    }

    /** The channel's entry lists its organisations now (the operator's disruption budgets follow them). */
    @Override
    public void channelMembersChanged(long consortiumId, String channel, List<Organization> organizations) {
        findNetwork(consortiumId).ifPresent(network -> {
            // only organisations the resource lists: a valid resource names no other
            List<String> members = statefulSets(network, organizations).stream()
                    .filter(m -> network.getSpec().getOrganizations().stream().anyMatch(o -> o.getName().equals(m)))
                    .toList();
            networks().withName(network.getMetadata().getName()).edit(n -> {
                List<ChannelSpec> channels = n.getSpec().getChannels();
                channels.stream().filter(c -> c.getName().equals(channel)).findFirst().ifPresentOrElse(
                        c -> c.setOrganizations(new ArrayList<>(members)),
                        () -> channels.add(new ChannelSpec(channel, new ArrayList<>(members))));
                return n;
            });
        });
    }

    /** The StatefulSet names the resource gives the organisations. */
    private static List<String> statefulSets(ConsortiaNetwork network, List<Organization> organizations) {
        return organizations.stream()
                .map(o -> network.getSpec().getOrganizations().stream()
                        .filter(spec -> o.name().equals(spec.getDisplayName())).findFirst()
                        .map(spec -> spec.getName()).orElse(o.name()))
                .toList();
    }

    @Override
    public void deleteNetwork(long consortiumId, DeploymentSteps steps) {
        for (ConsortiaNetwork network : networksOf(consortiumId)) {
            String name = network.getMetadata().getName();
            String namespace = network.getSpec().getNamespace();
            steps.step(DeploymentTexts.DELETE_NETWORK.of(name), null, () -> {
                // the platform's own deletion: the finalizer that keeps a kubectl delete from taking the network goes
                networks().withName(name).edit(current -> {
                    current.getMetadata().getFinalizers().remove(KubernetesNames.PLATFORM_FINALIZER);
                    return current;
                });
                networks().withName(name).delete();
                return DeploymentTexts.NAMESPACE_COLLECTED.of(namespace);
            });
            steps.step(DeploymentTexts.AWAIT_NAMESPACE_REMOVED.of(namespace), null, () -> Poll.until(
                    properties.readyTimeout(), POLL, () -> client.namespaces().withName(namespace).get() == null
                            && networks().withName(name).get() == null ? "removed" : null)
                    .orElseThrow(() -> new IllegalStateException("Namespace " + namespace + " still exists "
                            + properties.readyTimeout().toSeconds() + " s after its ConsortiaNetwork was deleted; "
                            + "kubectl describe namespace " + namespace + " says what holds it")));
        }
    }

    @Override
    public boolean hasNetwork(long consortiumId) {
        return !networksOf(consortiumId).isEmpty();
    }

    private Optional<ConsortiaNetwork> findNetwork(long consortiumId) {
        return networksOf(consortiumId).stream().findFirst();
    }

    private List<ConsortiaNetwork> networksOf(long consortiumId) {
        try {
            return networks().withLabel(KubernetesNames.CONSORTIUM_ID_LABEL, Long.toString(consortiumId)).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw unavailable("Cannot list the ConsortiaNetworks of consortium " + consortiumId, e);
        }
    }

    private MixedOperation<ConsortiaNetwork, KubernetesResourceList<ConsortiaNetwork>, Resource<ConsortiaNetwork>>
            networks() {
        return client.resources(ConsortiaNetwork.class);
    }

    String namespace(Consortium consortium) {
        return KubernetesNames.namespace(properties.namespacePrefix(), KubernetesNames.network(consortium));
    }

    /** The resource's conditions that are not True, as the operator explained them. */
    private String statusOf(String name) {
        try {
            ConsortiaNetwork network = networks().withName(name).get();
            if (network == null || network.getStatus() == null) {
                return DeploymentTexts.NETWORK_NO_STATUS.of();
            }
            ConsortiaNetworkStatus status = network.getStatus();
            List<String> problems = new ArrayList<>();
            status.getConditions().stream().filter(c -> !"True".equals(c.getStatus()))
                    .forEach(c -> problems.add(c.getType() + "=" + c.getStatus() + " (" + c.getReason() + "): "
                            + c.getMessage()));
            return problems.isEmpty() ? DeploymentTexts.NETWORK_PHASE.of(status.getPhase())
                    : DeploymentTexts.NETWORK_CONDITIONS.of(status.getPhase(), String.join("; ", problems));
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    /** The namespace's last warning events ("reason: message"), most recent last. */
    private String warnings(String namespace) {
        try {
            List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> "Warning".equals(e.getType()))
                    .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp()))).toList();
            List<String> last = events.subList(Math.max(0, events.size() - 5), events.size()).stream()
                    .map(e -> e.getInvolvedObject().getName() + " " + e.getReason() + ": " + e.getMessage()).toList();
            return last.isEmpty() ? "" : DeploymentTexts.RECENT_WARNINGS.of(String.join("; ", last));
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    /** Namespace and pod of a node's handle {@code kubernetes:<namespace>/<pod>}. */
    private static String[] handle(String directory) {
        if (!directory.startsWith(HANDLE) || directory.indexOf('/') < 0) {
            throw new IllegalArgumentException("Not a Kubernetes node: " + directory);
        }
        return directory.substring(HANDLE.length()).split("/", 2);
    }

    private static PlatformException unavailable(String message, KubernetesClientException e) {
        return new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "cluster-unavailable",
                message + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage()), e);
    }
}
