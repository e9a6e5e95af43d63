package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;

/** Kubernetes Events on a network: what the operator created or repaired, and what failed. */
public interface EventRecorder {
    String NORMAL = "Normal";
    String WARNING = "Warning";

    void record(ConsortiaNetwork network, String type, String reason, String message);
}
