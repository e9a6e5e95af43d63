package io.consortia.operator.reconcile;

import io.consortia.operator.desired.PdbVersion;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Asks the API server which PodDisruptionBudget API it serves. */
public final class PdbVersions {
    private PdbVersions() {}

    public static PdbVersion detect(KubernetesClient client) {
        return client.supports(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)
                ? PdbVersion.POLICY_V1
                : PdbVersion.POLICY_V1BETA1;
    }
}
