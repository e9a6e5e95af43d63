package io.consortia.node.api;

import io.consortia.crypto.Certificates;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

/**
 * Who may call node-level services, decided from the caller's mutual-TLS certificate (already
 * chain-checked by the TLS handshake against the trusted roots). Without TLS (development only)
 * every caller is allowed.
 */
final class Authorization {
    private final boolean tls;

    Authorization(boolean tls) {
        this.tls = tls;
    }

    /** The caller must belong to one of these organisations. */
    void requireOrganization(Collection<String> allowed, String what) {
        if (!tls) {
            return;
        }
        Optional<X509Certificate> caller = CallerInterceptor.caller();
        String org = caller.map(Certificates::organization).orElse(null);
        if (org == null || !allowed.contains(org)) {
            throw Status.PERMISSION_DENIED.withDescription(what + " is allowed to " + String.join(", ", allowed)
                    + " only; the caller's certificate is from " + (org == null ? "no organisation" : org))
                    .asRuntimeException();
        }
    }
}
