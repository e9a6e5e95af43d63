package io.consortia.sdk;

import io.consortia.crypto.SignatureScheme;
import io.consortia.crypto.Signer;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Who signs transactions: an organisation's member, known to the channel by an X.509
 * certificate issued by that organisation's CA, and the {@link Signer} holding the matching
 * private key. The certificate travels in every transaction so that any node can check the
 * signature without a lookup.
 *
 * <pre>{@code
 * Identity alice = Identity.of("org1",
 *         Pem.readCertificate(Files.readString(Path.of("user.pem"))),
 *         Pem.readPrivateKey(Files.readString(Path.of("user.key"))));
 * }</pre>
 *
 * @param organization name of the member organisation, as in the channel configuration
 * @param certificate the member's certificate
 * @param signer signs with the private key matching the certificate
 */
public record Identity(String organization, X509Certificate certificate, Signer signer) {

    public Identity {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(signer, "signer");
        if (organization.isBlank()) {
            throw new IllegalArgumentException("organization must not be blank");
        }
        KeySchemes.requireMatchingKeys(certificate.getPublicKey(), signer.publicKey());
    }

    /**
     * An identity whose scheme is read from the private key's curve: NIST P-256 means
     * ECDSA_P256_SHA256, sm2p256v1 means SM2_SM3.
     *
     * @throws IllegalArgumentException if the key is on neither curve, or does not match the certificate
     */
    public static Identity of(String organization, X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        return of(organization, certificate, privateKey, KeySchemes.schemeOf(privateKey));
    }

    /** An identity signing with the given scheme. */
    public static Identity of(String organization, X509Certificate certificate, PrivateKey privateKey,
            SignatureScheme scheme) {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(scheme, "scheme");
        return new Identity(organization, certificate, scheme.signer(privateKey));
    }

    /** The signature scheme, which also fixes the hash used for transaction ids. */
    public SignatureScheme scheme() {
        return signer.scheme();
    }
}
