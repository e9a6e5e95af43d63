package io.consortia.node.api;

import io.consortia.node.security.NodeIdentity;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import java.security.cert.X509Certificate;

/**
 * AdminService.ReloadCredentials: reads the node's TLS and signing certificate files and its
 * trusted TLS roots bundle again. The TLS certificate and the bundle are checked and swapped first
 * (new handshakes present the certificate and trust the bundle's roots, open connections keep
 * theirs), then the signing identity. Files that do not pass the checks change nothing of what
 * they describe, and the error says which file is wrong.
 */
record CredentialReload(NodeIdentity identity, TlsMaterial tls) {

    ReloadCredentialsResponse reload() {
        ReloadCredentialsResponse.Builder response = ReloadCredentialsResponse.newBuilder();
        if (tls != null) {
            X509Certificate cert = tls.reload();
            response.setTlsCertificateSerial(cert.getSerialNumber().toString(16))
                    .setTlsNotAfterMillis(cert.getNotAfter().getTime())
                    .setTlsTrustedRoots(tls.trustedRoots().size());
        }
        X509Certificate signing = identity.reload();
        return response.setSigningCertificateSerial(signing.getSerialNumber().toString(16)).build();
    }
}
