package io.consortia.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A freshly issued certificate with its private key. The chain is
 * [certificate, issuing root], the form TLS stacks and the node's MSP expect.
 */
public record IssuedCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    public IssuedCredential {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    }
}
