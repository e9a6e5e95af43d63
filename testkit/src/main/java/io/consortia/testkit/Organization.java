package io.consortia.testkit;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.Identity;
import java.time.Duration;
import java.util.List;

/**
 * One member organisation of a test network: its CA and the credentials its people use — an
 * admin and a user signing identity, and one TLS client certificate for talking to nodes
 * (admin calls need a TLS client certificate of the node's own organisation).
 */
record Organization(String name, CertificateAuthority ca, IssuedCredential admin, IssuedCredential user,
        IssuedCredential clientTls) {

    /** Loopback names every TLS certificate of a test network is valid for. */
    static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");

    static Organization create(String name, SignatureScheme scheme, Duration validity) {
        CertificateAuthority ca = CertificateAuthority.create(name, scheme, validity);
        return new Organization(name, ca,
                ca.issue(CertificateRole.ADMIN, "admin@" + name, validity),
                ca.issue(CertificateRole.USER, "user@" + name, validity),
                ca.issueTls(CertificateRole.ADMIN, "client@" + name, LOOPBACK, validity));
    }

    Identity userIdentity() {
        return Identity.of(name, user.certificate(), user.privateKey(), ca.scheme());
    }

    Identity adminIdentity() {
        return Identity.of(name, admin.certificate(), admin.privateKey(), ca.scheme());
    }
}
