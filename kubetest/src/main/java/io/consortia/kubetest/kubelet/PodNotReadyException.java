package io.consortia.kubetest.kubelet;

import io.consortia.kubetest.KubeTestException;

/**
 * Something a Pod needs is not there yet (a ConfigMap, a Secret, a bound volume): the Pod waits with this reason in
 * its container status and the kubelet tries again, as a real kubelet does.
 */
final class PodNotReadyException extends KubeTestException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    PodNotReadyException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
