package io.consortia.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolls a new pod template out one organisation at a time. Each organisation has its own
 * StatefulSet, and Kubernetes rolls StatefulSets independently (disruption budgets do not apply
 * to a controller's own updates): a new node image, or anything else every organisation's template
 * gets at once, would restart pod 0 of every organisation at the same moment, and every channel
 * would lose its whole Raft group. So a StatefulSet gets its new template only while every other
 * StatefulSet of the network has settled (its controller observed its last change, its pods run
 * its current revision and are all Ready), and only one per reconciliation; the others keep
 * their live template, with every other field applied, until their turn. A rollout that fails
 * (the new pods never become Ready) therefore stops at its first organisation.
 */
final class StagedRollout {
    /**
     * What to apply: {@code started} names the StatefulSet whose new template this reconciliation
     * applies (null when none), {@code waiting} those whose new template waits for its turn.
     */
    record Plan(List<HasMetadata> objects, String started, List<String> waiting) {}

    private StagedRollout() {}

    /**
     * A StatefulSet takes its new template when every other one has settled, or when none of its
     * own pods is Ready (it has nothing left to lose: a fix must reach a broken organisation even
     * while another is broken too); at most one per reconciliation, in spec order.
     *
     * @param desired the network's objects in spec order
     * @param live the network's StatefulSets as they are, by name
     */
    static Plan plan(List<HasMetadata> desired, Map<String, StatefulSet> live) {
        String started = null;
        List<String> waiting = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>(desired.size());
        for (HasMetadata object : desired) {
            StatefulSet current = object instanceof StatefulSet ? live.get(object.getMetadata().getName()) : null;
            if (current == null || Drift.templateInSync(current, (StatefulSet) object)) {
                objects.add(object);
            } else if (started == null && (othersSettled(live, current) || readyReplicas(current) == 0)) {
                started = current.getMetadata().getName();
                objects.add(object);
            } else {
                waiting.add(current.getMetadata().getName());
                objects.add(withTemplateOf(current, (StatefulSet) object));
            }
        }
        return new Plan(objects, started, waiting);
    }

    /** Whether its controller has applied its last change and its pods all run that revision, Ready. */
    static boolean settled(StatefulSet set) {
        StatefulSetStatus status = set.getStatus();
        if (status == null) {
            return true; // not observed yet: nothing runs to be disrupted
        }
        Long generation = set.getMetadata().getGeneration();
        if (generation != null && (status.getObservedGeneration() == null || status.getObservedGeneration() < generation)) {
            return false;
        }
        if (status.getUpdateRevision() != null && !Objects.equals(status.getUpdateRevision(), status.getCurrentRevision())) {
            return false;
        }
        int replicas = set.getSpec() == null || set.getSpec().getReplicas() == null ? 0 : set.getSpec().getReplicas();
        return readyReplicas(set) >= replicas;
    }

    private static int readyReplicas(StatefulSet set) {
        return set.getStatus() == null || set.getStatus().getReadyReplicas() == null ? 0
                : set.getStatus().getReadyReplicas();
    }

    private static boolean othersSettled(Map<String, StatefulSet> live, StatefulSet set) {
        return live.values().stream().filter(s -> !s.getMetadata().getName().equals(set.getMetadata().getName()))
                .allMatch(StagedRollout::settled);
    }

    private static StatefulSet withTemplateOf(StatefulSet current, StatefulSet desired) {
        StatefulSet copy = Serialization.clone(desired);
        copy.getSpec().setTemplate(current.getSpec().getTemplate());
        return copy;
    }
}
