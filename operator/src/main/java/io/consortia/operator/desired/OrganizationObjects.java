package io.consortia.operator.desired;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * One organisation's objects. The PodDisruptionBudget is policy/v1 or policy/v1beta1 depending on
 * the cluster, hence {@link HasMetadata}.
 */
public record OrganizationObjects(String organization, ConfigMap configMap, Service peersService,
        Service clientService, StatefulSet statefulSet, HasMetadata podDisruptionBudget, NetworkPolicy networkPolicy) {

    /** In apply order: the ConfigMap and Services exist before the pods that need them. */
    public List<HasMetadata> objects() {
        return List.of(configMap, peersService, clientService, statefulSet, podDisruptionBudget, networkPolicy);
    }
}
