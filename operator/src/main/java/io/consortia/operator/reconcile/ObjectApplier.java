package io.consortia.operator.reconcile;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * Create-or-update that writes only when needed: an object is read, compared on the fields we own
 * ({@link Drift}) and written only when it is missing or differs, so applying a network twice moves
 * no resourceVersion. Updates carry the read resourceVersion: a concurrent change fails with a
 * conflict and the next reconciliation reads again.
 */
public final class ObjectApplier {
    private final KubernetesClient client;

    public ObjectApplier(KubernetesClient client) {
        this.client = client;
    }

    public Applied apply(HasMetadata desired) {
        HasMetadata actual = client.resource(desired).get();
        if (actual == null) {
            client.resource(desired).create();
            return Applied.CREATED;
        }
        if (actual.getMetadata().getDeletionTimestamp() != null) {
            throw new ApplyException(describe(desired) + " is being deleted; it is created again once it is gone");
        }
        if (Drift.inSync(actual, desired)) {
            return Applied.UNCHANGED;
        }
        try {
            client.resource(Drift.overlay(actual, desired)).update();
            return Applied.REPAIRED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 && actual instanceof StatefulSet) {
                // selector, serviceName, volumeClaimTemplates... are immutable: replace the
                // StatefulSet but keep its pods and claims, which the new one adopts
                client.resource(actual).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
                return Applied.RECREATING;
            }
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                throw new ApplyException(describe(desired) + " changed while it was updated; trying again", e);
            }
            throw e;
        }
    }

    static String describe(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return object.getKind() + " " + (ns == null ? "" : ns + "/") + object.getMetadata().getName();
    }
}
