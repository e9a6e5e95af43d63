package io.consortia.operator.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object a network stands for, in the order they are applied: the Namespace first, then per
 * organisation (in spec order) its ConfigMap, headless and client Services, StatefulSet,
 * PodDisruptionBudget and NetworkPolicy.
 */
public record DesiredState(Namespace namespace, List<OrganizationObjects> organizations) {
    public DesiredState {
        organizations = List.copyOf(organizations);
    }

    /** All objects, Namespace first. */
    public List<HasMetadata> objects() {
        List<HasMetadata> all = new ArrayList<>();
        all.add(namespace);
        organizations.forEach(o -> all.addAll(o.objects()));
        return all;
    }

    public String namespaceName() {
        return namespace.getMetadata().getName();
    }
}
