package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.operator.desired.PdbVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organisation that leaves a running network is removed from spec.organizations; the objects the
 * operator made for it stay until deleted here: every StatefulSet, Service, ConfigMap,
 * PodDisruptionBudget and NetworkPolicy of the network whose organisation label names no
 * organisation of the spec. Secrets and claims are the platform's, and objects without the
 * organisation label (the Namespace) or of another network are not ours to judge, so neither is listed.
 */
final class DepartedOrganizations {
    private static final Logger LOG = LoggerFactory.getLogger(DepartedOrganizations.class);
    private final KubernetesClient client;
    private final EventRecorder events;
    private final OperatorMetrics metrics;

    DepartedOrganizations(KubernetesClient client, EventRecorder events, OperatorMetrics metrics) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
    }

    /** Deletes the departed organisations' objects in the namespace; returns what could not be deleted. */
    List<String> prune(ConsortiaNetwork network, String namespace, PdbVersion pdbVersion) {
        String name = network.getMetadata().getName();
        Set<String> members = network.getSpec().getOrganizations().stream().map(OrganizationSpec::getName)
                .collect(Collectors.toSet());
        List<String> failures = new ArrayList<>();
        for (HasMetadata object : labelled(namespace, name, pdbVersion)) {
            Map<String, String> labels = object.getMetadata().getLabels();
            String org = labels == null ? null : labels.get(Labels.ORGANIZATION);
            // one already being deleted was told about when its deletion was asked for
            if (org == null || members.contains(org) || object.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String what = ObjectApplier.describe(object);
            try {
                client.resource(object).delete();
                metrics.deleted();
                events.record(network, EventRecorder.NORMAL, "Deleted",
                        "Deleted " + what + " of organisation " + org + ", which the spec no longer lists");
            } catch (KubernetesClientException e) {
                LOG.warn("network {}: cannot delete {}: {}", name, what, e.getMessage());
                failures.add("cannot delete " + what + ": " + NetworkReconciler.reason(e));
            }
        }
        return failures;
    }

    private List<HasMetadata> labelled(String namespace, String network, PdbVersion pdbVersion) {
        List<? extends HasMetadata> pdbs = pdbVersion == PdbVersion.POLICY_V1
                ? client.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabel(Labels.NETWORK, network)
                        .list().getItems()
                : client.policy().v1beta1().podDisruptionBudget().inNamespace(namespace)
                        .withLabel(Labels.NETWORK, network).list().getItems();
        return Stream.<List<? extends HasMetadata>>of(
                        client.apps().statefulSets().inNamespace(namespace).withLabel(Labels.NETWORK, network)
                                .list().getItems(),
                        client.services().inNamespace(namespace).withLabel(Labels.NETWORK, network).list().getItems(),
                        client.configMaps().inNamespace(namespace).withLabel(Labels.NETWORK, network).list().getItems(),
                        pdbs,
                        client.network().v1().networkPolicies().inNamespace(namespace)
                                .withLabel(Labels.NETWORK, network).list().getItems())
                .<HasMetadata>flatMap(List::stream).toList();
    }
}
