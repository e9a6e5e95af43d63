package io.consortia.platform.deploy;

import io.consortia.crypto.IssuedCredential;
import java.security.cert.X509Certificate;
import java.util.List;

/** Everything a node needs to start: identity, TLS credentials and the TLS roots it trusts. */
public record NodeInstallation(String nodeId, String organization, IssuedCredential signing, IssuedCredential tls,
        List<X509Certificate> trustedTlsRoots) {
    @Override
    public String toString() {
        return "NodeInstallation[" + nodeId + "]";
    }
}
