package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes a network's status as a JSON merge patch of the whole status, guarded by the copy's
 * resourceVersion. The java-operator-sdk's own status patch (without server-side apply) is a JSON
 * Patch computed against the copy in its cache; when that copy lags the server (a pod just
 * restarted, our previous write not yet seen) its array-index operations no longer apply and the API
 * server refuses it with 422. A merge patch replaces the status' lists whole, and a stale copy is a
 * 409 that {@code PrimaryUpdateAndCacheUtils} answers by taking the newer copy from its cache.
 */
final class StatusWriter {
    private final KubernetesClient client;

    StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    ConsortiaNetwork write(ConsortiaNetwork withStatus) {
        return client.resource(withStatus).patchStatus();
    }
}
