package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes a network's status as a JSON merge patch of the whole status. The java-operator-sdk's own
 * status patch (without server-side apply) is a JSON Patch computed against the copy in its cache;
 * when that copy lags the server (a pod just restarted, our previous write not yet seen) its
 * array-index operations no longer apply and the API server refuses the patch with 422. A merge
 * patch replaces the status' lists whole, so it applies to whatever the server holds. Only the
 * operator writes the status, so the last write winning is what is wanted.
 */
final class StatusWriter {
    private final KubernetesClient client;

    StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    ConsortiaNetwork write(String network, ConsortiaNetworkStatus status) {
        ConsortiaNetwork patch = new ConsortiaNetwork();
        patch.setMetadata(new ObjectMetaBuilder().withName(network).build()); // no resourceVersion: no lock
        patch.setStatus(status);
        return client.resource(patch).patchStatus();
    }
}
