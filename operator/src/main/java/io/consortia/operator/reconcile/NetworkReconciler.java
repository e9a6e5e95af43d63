package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.api.NetworkNodeStatus;
import io.consortia.operator.api.Phase;
import io.consortia.operator.desired.DesiredState;
import io.consortia.operator.desired.NetworkObjects;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.desired.SpecValidator;
import io.consortia.operator.status.Conditions;
import io.consortia.operator.status.NodeStatusCollector;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of a network, independent of the operator framework: validate the spec, apply
 * every desired object that is missing or drifted, delete those of organisations the spec no longer
 * lists, check the keys Secrets, observe the nodes, and compute the status. Returns the status;
 * writing it is the caller's (the framework's) job, and only when it changed, so an idle network
 * causes no writes at all.
 */
public final class NetworkReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkReconciler.class);
    private final KubernetesClient client;
    private final ObjectApplier applier;
    private final DepartedOrganizations departed;
    private final Supplier<PdbVersion> pdbVersion;
    private final NodeStatusCollector nodes;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;

    public NetworkReconciler(KubernetesClient client, Supplier<PdbVersion> pdbVersion, NodeStatusCollector nodes,
            EventRecorder events, OperatorMetrics metrics, Clock clock) {
        this.client = client;
        this.applier = new ObjectApplier(client);
        this.departed = new DepartedOrganizations(client, events, metrics);
        this.pdbVersion = pdbVersion;
        this.nodes = nodes;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ConsortiaNetworkStatus reconcile(ConsortiaNetwork network) {
        ConsortiaNetworkStatus previous = network.getStatus();
        List<Condition> before = previous == null ? List.of() : previous.getConditions();
        long generation = network.getMetadata().getGeneration() == null ? 0 : network.getMetadata().getGeneration();
        Instant now = clock.instant();
        ConsortiaNetworkStatus status = new ConsortiaNetworkStatus();
        status.setObservedGeneration(generation);

        List<String> invalid = SpecValidator.problems(network);
        if (!invalid.isEmpty()) {
            status.setPhase(Phase.Degraded);
            status.setConditions(List.of(
                    Conditions.of(before, generation, ConsortiaNetworkStatus.RECONCILED, false, "InvalidSpec",
                            String.join("; ", invalid), now)));
            status.setOrganizations(network.getSpec() == null ? 0 : network.getSpec().getOrganizations().size());
            status.setReadyNodes(previous == null ? null : previous.getReadyNodes());
            status.setNodes(previous == null ? List.of() : previous.getNodes());
            transitions(network, before, status.getConditions());
            metrics.reconciled(false);
            return status;
        }

        boolean specChanged = previous != null && !Objects.equals(previous.getObservedGeneration(), generation);
        PdbVersion pdb = pdbVersion.get();
        DesiredState desired = NetworkObjects.build(network, pdb);
        List<String> failures = new ArrayList<>();
        boolean recreating = false;
        boolean namespaceApplied = true;
        StagedRollout.Plan rollout = StagedRollout.plan(desired.objects(), liveStatefulSets(desired.namespaceName()));
        for (HasMetadata object : rollout.objects()) {
            String what = ObjectApplier.describe(object);
            try {
                Applied applied = applier.apply(object);
                metrics.applied(applied);
                switch (applied) {
                    case CREATED -> events.record(network, EventRecorder.NORMAL, "Created", "Created " + what);
                    case REPAIRED -> {
                        String note = object.getMetadata().getName().equals(rollout.started())
                                && object instanceof StatefulSet ? rolloutNote(rollout) : "";
                        // after a change of the spec (a node added, a new image) the difference is the
                        // change itself; at the same generation somebody else edited the object
                        if (specChanged) {
                            events.record(network, EventRecorder.NORMAL, "Updated",
                                    "Applied the network's new spec to " + what + note);
                        } else {
                            events.record(network, EventRecorder.NORMAL, "Repaired",
                                    "Restored the fields the operator owns in " + what + note);
                        }
                    }
                    case RECREATING -> {
                        recreating = true;
                        events.record(network, EventRecorder.NORMAL, "Recreating", "Replacing " + what
                                + " because an immutable field changed; its pods and volumes are kept");
                    }
                    case UNCHANGED -> { }
                }
            } catch (ApplyException | KubernetesClientException e) {
                LOG.warn("network {}: cannot apply {}: {}", network.getMetadata().getName(), what, e.getMessage());
                failures.add("cannot apply " + what + ": " + reason(e));
                if (object == desired.namespace()) {
                    namespaceApplied = false;
                    break; // nothing can be created in a namespace that is not there
                }
            }
        }
        if (namespaceApplied) {
            failures.addAll(departed.prune(network, desired.namespaceName(), pdb));
        }

        List<Condition> conditions = new ArrayList<>();
        if (!failures.isEmpty()) {
            conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.RECONCILED, false, "ApplyFailed",
                    String.join("; ", failures), now));
        } else if (recreating) {
            conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.RECONCILED, false, "Recreating",
                    "a StatefulSet is being replaced (an immutable field changed)", now));
        } else if (!rollout.waiting().isEmpty()) {
            conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.RECONCILED, false, "RollingOut",
                    "a new pod template rolls out one organisation at a time; StatefulSet(s) "
                            + String.join(", ", rollout.waiting()) + " wait their turn", now));
        } else {
            conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.RECONCILED, true, "Applied",
                    desired.objects().size() + " objects match the spec", now));
        }
        List<String> secrets = failures.isEmpty() ? SecretsCheck.problems(client, network) : List.of();
        if (failures.isEmpty()) {
            conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.SECRETS_AVAILABLE, secrets.isEmpty(),
                    secrets.isEmpty() ? "SecretsPresent" : "SecretsMissing",
                    secrets.isEmpty() ? "every organisation's keys Secret holds its nodes' keys" : String.join("; ", secrets),
                    now));
        }

        List<NetworkNodeStatus> nodeStatus = failures.isEmpty() ? nodes.collect(network) : List.of();
        long ready = nodeStatus.stream().filter(NetworkNodeStatus::isReady).count();
        int total = network.getSpec().getOrganizations().stream().mapToInt(o -> o.getNodes().size()).sum();
        boolean allReady = failures.isEmpty() && ready == total;
        conditions.add(Conditions.of(before, generation, ConsortiaNetworkStatus.READY, allReady,
                allReady ? "AllNodesReady" : "NodesNotReady",
                allReady ? ready + "/" + total + " nodes ready" : notReady(ready, total, nodeStatus, failures), now));

        status.setConditions(conditions);
        status.setOrganizations(network.getSpec().getOrganizations().size());
        status.setReadyNodes(ready + "/" + total);
        status.setNodes(nodeStatus);
        status.setPhase(phase(previous, generation, failures, secrets, allReady));
        transitions(network, before, conditions);
        metrics.reconciled(failures.isEmpty());
        metrics.readyNodes(network.getMetadata().getName(), ready, total);
        return status;
    }

    /** The network's StatefulSets as they are; none while its namespace does not exist yet. */
    private Map<String, StatefulSet> liveStatefulSets(String namespace) {
        try {
            return client.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
                    .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Map.of();
            }
            throw e;
        }
    }

    private static String rolloutNote(StagedRollout.Plan rollout) {
        return ": its new pod template rolls out now, one organisation at a time"
                + (rollout.waiting().isEmpty() ? "" : " (" + String.join(", ", rollout.waiting()) + " wait their turn)");
    }

    private static Phase phase(ConsortiaNetworkStatus previous, long generation, List<String> failures,
            List<String> secrets, boolean allReady) {
        if (!failures.isEmpty()) {
            return Phase.Degraded;
        }
        if (!secrets.isEmpty()) {
            return Phase.Pending;
        }
        if (allReady) {
            return Phase.Ready;
        }
        boolean wasRunning = previous != null && (previous.getPhase() == Phase.Ready || previous.getPhase() == Phase.Degraded)
                && Objects.equals(previous.getObservedGeneration(), generation);
        return wasRunning ? Phase.Degraded : Phase.Progressing;
    }

    private static String notReady(long ready, int total, List<NetworkNodeStatus> nodes, List<String> failures) {
        if (!failures.isEmpty()) {
            return "objects could not be applied; see the Reconciled condition";
        }
        StringBuilder message = new StringBuilder(ready + "/" + total + " nodes ready");
        for (NetworkNodeStatus node : nodes) {
            if (!node.isReady()) {
                message.append("; ").append(node.getName()).append(": ")
                        .append(node.getMessage() == null ? "not ready" : node.getMessage());
            }
        }
        return message.toString();
    }

    /** An Event when a condition changes status or reason: failures are told once, not every 30 s. */
    private void transitions(ConsortiaNetwork network, List<Condition> before, List<Condition> after) {
        for (Condition condition : after) {
            Condition old = before.stream().filter(c -> c.getType().equals(condition.getType())).findFirst().orElse(null);
            boolean changed = old == null || !Objects.equals(old.getStatus(), condition.getStatus())
                    || !Objects.equals(old.getReason(), condition.getReason());
            if (!changed) {
                continue;
            }
            boolean good = "True".equals(condition.getStatus());
            // a new network's nodes are not ready yet: that is progress, not a warning; a
            // failure (invalid spec, missing Secret, apply error) is told at once
            boolean starting = old == null && ConsortiaNetworkStatus.READY.equals(condition.getType());
            if (!starting && (!good || old != null)) {
                events.record(network, good ? EventRecorder.NORMAL : EventRecorder.WARNING, condition.getReason(),
                        condition.getType() + ": " + condition.getMessage());
            }
        }
    }

    static String reason(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
