package io.consortia.sdk;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import java.time.Duration;

/** Real identities from a throwaway CA: the SDK signs with real keys in every test. */
final class TestIdentities {
    private TestIdentities() {}

    static Identity user(String organization, SignatureScheme scheme) {
        CertificateAuthority ca = CertificateAuthority.create(organization, scheme, Duration.ofDays(1));
        IssuedCredential user = ca.issue(CertificateRole.USER, "user1", Duration.ofDays(1));
        return Identity.of(organization, user.certificate(), user.privateKey());
    }
}
