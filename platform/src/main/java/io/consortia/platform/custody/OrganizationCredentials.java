package io.consortia.platform.custody;

import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.Identity;
import java.security.cert.X509Certificate;

/**
 * What the platform acts with on behalf of one organisation in one consortium: its roots, its
 * admin signing identity and its TLS client certificate (node admin calls must come from the
 * node's own organisation). Held in memory only while a call needs it.
 */
public record OrganizationCredentials(String organization, SignatureScheme scheme, X509Certificate root,
        X509Certificate tlsRoot, IssuedCredential admin, IssuedCredential clientTls) {

    public Identity adminIdentity() {
        return Identity.of(organization, admin.certificate(), admin.privateKey(), scheme);
    }

    @Override
    public String toString() {
        return "OrganizationCredentials[" + organization + "]";
    }
}
