package io.consortia.operator.status;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.NetworkNodeStatus;
import io.consortia.operator.api.NodeChannelStatus;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.operator.desired.Names;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each expected node's state: its Pod (ready, restarts, IP, why it waits) and, for a pod with an
 * IP, its /health (Raft role and height per channel). Health is read in parallel, each with the
 * reader's short timeout.
 */
public final class NodeStatusCollector {
    private final KubernetesClient client;
    private final NodeHealthReader health;
    private final ExecutorService executor;

    public NodeStatusCollector(KubernetesClient client, NodeHealthReader health, ExecutorService executor) {
        this.client = client;
        this.health = health;
        this.executor = executor;
    }

    public List<NetworkNodeStatus> collect(ConsortiaNetwork network) {
        String namespace = Names.namespace(network);
        Map<String, Pod> pods = client.pods().inNamespace(namespace)
                .withLabel(Labels.NETWORK, network.getMetadata().getName()).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
        List<CompletableFuture<NetworkNodeStatus>> nodes = new ArrayList<>();
        for (OrganizationSpec org : network.getSpec().getOrganizations()) {
            for (int i = 0; i < org.getNodes().size(); i++) {
                String name = Names.pod(org.getName(), i);
                NetworkNodeStatus node = new NetworkNodeStatus(name, org.getName());
                node.setAddress(Names.fqdn(namespace, org.getName(), i));
                Pod pod = pods.get(name);
                if (pod == null) {
                    node.setMessage("no pod yet");
                    nodes.add(CompletableFuture.completedFuture(node));
                    continue;
                }
                fromPod(node, pod);
                if (node.getPodIP() == null) {
                    nodes.add(CompletableFuture.completedFuture(node));
                } else {
                    nodes.add(CompletableFuture.supplyAsync(() -> withHealth(node), executor));
                }
            }
        }
        return nodes.stream().map(CompletableFuture::join).toList();
    }

    private static void fromPod(NetworkNodeStatus node, Pod pod) {
        var status = pod.getStatus();
        if (status == null) {
            node.setMessage("pod not scheduled yet");
            return;
        }
        node.setPodIP(status.getPodIP() == null || status.getPodIP().isBlank() ? null : status.getPodIP());
        node.setReady(status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        ContainerStatus container = status.getContainerStatuses() == null ? null : status.getContainerStatuses()
                .stream().filter(c -> "node".equals(c.getName())).findFirst().orElse(null);
        if (container != null) {
            node.setRestarts(container.getRestartCount() == null ? 0 : container.getRestartCount());
            ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null) {
                node.setMessage(waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
            }
        }
        if (node.getMessage() == null && !node.isReady()) {
            node.setMessage("pod " + status.getPhase() + ", not ready");
        }
    }

    private NetworkNodeStatus withHealth(NetworkNodeStatus node) {
        try {
            NodeHealth h = health.read(node.getPodIP(), Names.METRICS_PORT);
            node.setChannels(h.channels().stream()
                    .map(c -> new NodeChannelStatus(c.name(), c.role(), c.height())).toList());
            if (!h.up() && node.getMessage() == null) {
                node.setMessage("/health reports DOWN");
            } else if (!h.leaderlessChannels().isEmpty() && node.getMessage() == null) {
                node.setMessage("no Raft leader on channel(s) " + String.join(", ", h.leaderlessChannels()));
            }
        } catch (NodeHealthReader.HealthUnavailableException e) {
            if (node.getMessage() == null) {
                node.setMessage(e.getMessage());
            }
        }
        return node;
    }
}
