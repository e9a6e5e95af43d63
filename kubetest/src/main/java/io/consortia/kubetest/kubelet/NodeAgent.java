package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's Node objects: registered Ready with the given capacity, address 127.0.0.1 and the kubelet's HTTPS
 * port, kept alive by renewing their Lease in {@code kube-node-lease} (and the Ready condition's heartbeat), as
 * the real kubelet does.
 */
final class NodeAgent {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final List<String> names;
    private final NodeCapacity capacity;
    private final int kubeletPort;

    NodeAgent(KubernetesClient client, List<String> names, NodeCapacity capacity, int kubeletPort) {
        this.client = client;
        this.names = List.copyOf(names);
        this.capacity = capacity;
        this.kubeletPort = kubeletPort;
    }

    void register() {
        for (String name : names) {
            Node existing = client.nodes().withName(name).get();
            if (existing != null) {
                // a Node left behind by an earlier kubelet on this cluster: start clean
                client.nodes().withName(name).withGracePeriod(0).delete();
                client.nodes().withName(name).waitUntilCondition(n -> n == null, 60, java.util.concurrent.TimeUnit.SECONDS);
            }
            Node node = new NodeBuilder()
                    .withNewMetadata().withName(name).withLabels(Map.of(
                            "kubernetes.io/hostname", name,
                            "kubernetes.io/os", "linux",
                            "kubernetes.io/arch", "amd64",
                            "beta.kubernetes.io/os", "linux",
                            "beta.kubernetes.io/arch", "amd64",
                            "consortia.io/test-kubelet", "true")).endMetadata()
                    .withStatus(status(name))
                    .build();
            client.nodes().resource(node).create();
            patchStatus(name);
            renewLease(name);
        }
    }

    /** One heartbeat: every Lease renewed, every Ready condition's heartbeat moved. */
    void heartbeat() {
        for (String name : names) {
            try {
                renewLease(name);
                patchStatus(name);
            } catch (KubernetesClientException e) {
                LOG.debug("heartbeat of node {} failed: {}", name, e.getMessage());
            }
        }
    }

    void deregister() {
        for (String name : names) {
            try {
                client.nodes().withName(name).withGracePeriod(0).delete();
                client.leases().inNamespace(LEASE_NAMESPACE).withName(name).delete();
            } catch (KubernetesClientException e) {
                LOG.debug("could not delete node {}: {}", name, e.getMessage());
            }
        }
    }

    private void patchStatus(String name) {
        String json = client.getKubernetesSerialization().asJson(Map.of("status", status(name)));
        client.nodes().withName(name).subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), json);
    }

    private void renewLease(String name) {
        String now = MICRO_TIME.format(Instant.now());
        Lease existing = client.leases().inNamespace(LEASE_NAMESPACE).withName(name).get();
        if (existing == null) {
            Node node = client.nodes().withName(name).get();
            LeaseBuilder lease = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(LEASE_NAMESPACE)
                    .endMetadata().withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40)
                    .withRenewTime(java.time.ZonedDateTime.now(ZoneOffset.UTC)).endSpec();
            if (node != null) {
                lease.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(name)
                        .withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata();
            }
            client.leases().inNamespace(LEASE_NAMESPACE).resource(lease.build()).create();
        } else {
            client.leases().inNamespace(LEASE_NAMESPACE).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"renewTime\":\"" + now + "\"}}");
        }
    }

    private NodeStatus status(String name) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Quantity> resources = Map.of(
                "cpu", new Quantity(capacity.cpu()),
                "memory", new Quantity(capacity.memory()),
                "pods", new Quantity(Integer.toString(capacity.pods())),
                "ephemeral-storage", new Quantity("100Gi"));
        return new NodeStatusBuilder()
                .withCapacity(resources)
                .withAllocatable(resources)
                .withConditions(
                        condition("Ready", "True", "KubeletReady", "the Consortia test kubelet is posting ready status", now),
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", now),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", now),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "", now))
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture("amd64").withOperatingSystem("linux").withKubeletVersion("v1.20.2")
                .withKubeProxyVersion("v1.20.2").withContainerRuntimeVersion("consortia-test://1")
                .withOsImage("Consortia test kubelet").withKernelVersion(System.getProperty("os.version"))
                .withMachineID(name).withSystemUUID(name).withBootID(name)
                .endNodeInfo()
                .build();
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String now) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
    }
}
