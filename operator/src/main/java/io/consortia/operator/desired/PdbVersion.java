package io.consortia.operator.desired;

/** Which PodDisruptionBudget API the cluster serves: policy/v1 from Kubernetes 1.21, policy/v1beta1 before. */
public enum PdbVersion {
    POLICY_V1,
    POLICY_V1BETA1
}
