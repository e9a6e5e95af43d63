package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.desired.Labels;
import io.consortia.operator.desired.PdbVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The java-operator-sdk side: runs {@link NetworkReconciler} when a network changes, when one of
 * its objects or pods changes (informers on everything labelled managed-by the operator, mapped to
 * the network by its label), and at least every resync interval so the status follows the nodes.
 * The status is written only when it differs, by {@link StatusWriter}. Deleting a network needs no code: everything it
 * created carries an owner reference to it, and Kubernetes' garbage collector removes it.
 */
public final class ConsortiaNetworkReconciler implements Reconciler<ConsortiaNetwork> {
    private final NetworkReconciler reconciler;
    private final StatusWriter statuses;
    private final PdbVersion pdbVersion;
    private final Duration resync;

    public ConsortiaNetworkReconciler(NetworkReconciler reconciler, KubernetesClient client, PdbVersion pdbVersion,
            Duration resync) {
        this.reconciler = reconciler;
        this.statuses = new StatusWriter(client);
        this.pdbVersion = pdbVersion;
        this.resync = resync;
    }

    @Override
    public UpdateControl<ConsortiaNetwork> reconcile(ConsortiaNetwork network, Context<ConsortiaNetwork> context) {
        ConsortiaNetworkStatus status = reconciler.reconcile(network);
        if (!Objects.equals(status, network.getStatus())) {
            // cached as written, so the next pass compares with this status and tells a transition once
            PrimaryUpdateAndCacheUtils.updateAndCacheResource(network, context, n -> {
                n.setStatus(status);
                return n;
            }, statuses::write);
        }
        return UpdateControl.<ConsortiaNetwork>noUpdate().rescheduleAfter(resync);
    }

    @Override
    public List<EventSource<?, ConsortiaNetwork>> prepareEventSources(EventSourceContext<ConsortiaNetwork> context) {
        List<EventSource<?, ConsortiaNetwork>> sources = new ArrayList<>();
        sources.add(informer(Namespace.class, context));
        sources.add(informer(ConfigMap.class, context));
        sources.add(informer(Service.class, context));
        sources.add(informer(StatefulSet.class, context));
        sources.add(informer(NetworkPolicy.class, context));
        sources.add(informer(Pod.class, context));
        sources.add(pdbVersion == PdbVersion.POLICY_V1
                ? informer(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, context)
                : informer(io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class, context));
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, ConsortiaNetwork> informer(Class<R> type,
            EventSourceContext<ConsortiaNetwork> context) {
        InformerEventSourceConfiguration<R> configuration = InformerEventSourceConfiguration
                .from(type, ConsortiaNetwork.class)
                .withName(type.getName())
                .withWatchAllNamespaces()
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE)
                .withSecondaryToPrimaryMapper(ConsortiaNetworkReconciler::network)
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The network an object belongs to: its label (networks are cluster-scoped: no namespace). */
    static Set<ResourceID> network(HasMetadata object) {
        String network = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get(Labels.NETWORK);
        return network == null ? Set.of() : Set.of(new ResourceID(network));
    }
}
