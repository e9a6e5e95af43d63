package io.consortia.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The certificate authority of one organisation: a self-signed root for identities (node,
 * admin and user signing certificates, in the network's signature scheme) and a root for TLS.
 *
 * <p>The TLS root is always ECDSA P-256 because the JDK and Netty TLS stacks cannot do SM2;
 * an ECDSA organisation uses its identity root for TLS too, an SM2 organisation gets a
 * separate P-256 root (CN=tlsca.&lt;org&gt;). Instances are immutable and thread-safe.
 */
public final class CertificateAuthority {
    private final String organization;
    private final SignatureScheme scheme;
    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final X509Certificate tlsRoot;
    private final PrivateKey tlsRootKey;

    private CertificateAuthority(String organization, SignatureScheme scheme, X509Certificate root, PrivateKey rootKey,
            X509Certificate tlsRoot, PrivateKey tlsRootKey) {
        this.organization = organization;
        this.scheme = scheme;
        this.root = root;
        this.rootKey = rootKey;
        this.tlsRoot = tlsRoot;
        this.tlsRootKey = tlsRootKey;
    }

    /** Creates fresh root keys and self-signed root certificates valid for {@code validity}. */
    public static CertificateAuthority create(String organization, SignatureScheme scheme, Duration validity) {
        checkOrganization(organization);
        Objects.requireNonNull(scheme, "scheme");
        checkValidity(validity);
        KeyPair keys = scheme.generateKeyPair();
        X509Certificate root = CertificateBuilder.selfSignedRoot(
                CertificateBuilder.subject(organization, CertificateRole.CA, "ca." + organization),
                keys, scheme.certificateSignatureAlgorithm(), validity);
        if (scheme == SignatureScheme.ECDSA_P256_SHA256) {
            return new CertificateAuthority(organization, scheme, root, keys.getPrivate(), root, keys.getPrivate());
        }
        KeyPair tlsKeys = SignatureScheme.ECDSA_P256_SHA256.generateKeyPair();
        X509Certificate tlsRoot = CertificateBuilder.selfSignedRoot(
                CertificateBuilder.subject(organization, CertificateRole.CA, "tlsca." + organization),
                tlsKeys, SignatureScheme.ECDSA_P256_SHA256.certificateSignatureAlgorithm(), validity);
        return new CertificateAuthority(organization, scheme, root, keys.getPrivate(), tlsRoot, tlsKeys.getPrivate());
    }

    /**
     * Restores a CA from stored roots and keys. Checks that each key belongs to its root, that
     * the root is of the scheme, that the TLS root is P-256 and that the roots name the
     * organisation, so a mixed-up file set fails here rather than at the first handshake.
     */
    public static CertificateAuthority load(String organization, SignatureScheme scheme, X509Certificate root,
            PrivateKey rootKey, X509Certificate tlsRoot, PrivateKey tlsRootKey) {
        checkOrganization(organization);
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(tlsRoot, "tlsRoot");
        Objects.requireNonNull(tlsRootKey, "tlsRootKey");
        checkRoot(organization, scheme, root, rootKey, "root");
        checkRoot(organization, SignatureScheme.ECDSA_P256_SHA256, tlsRoot, tlsRootKey, "TLS root");
        return new CertificateAuthority(organization, scheme, root, rootKey, tlsRoot, tlsRootKey);
    }

    public String organization() {
        return organization;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public X509Certificate root() {
        return root;
    }

    public PrivateKey rootKey() {
        return rootKey;
    }

    public X509Certificate tlsRoot() {
        return tlsRoot;
    }

    public PrivateKey tlsRootKey() {
        return tlsRootKey;
    }

    /**
     * Issues a signing certificate (NODE, ADMIN or USER) with a fresh key of the organisation's
     * scheme, directly under the root. Validity is cut to the root's remaining validity.
     */
    public IssuedCredential issue(CertificateRole role, String commonName, Duration validity) {
        Objects.requireNonNull(role, "role");
        checkCommonName(commonName);
        checkValidity(validity);
        if (role == CertificateRole.CA || role == CertificateRole.TLS) {
            throw new IllegalArgumentException("issue() is for NODE, ADMIN and USER; got " + role
                    + (role == CertificateRole.TLS ? " (use issueTls)" : ""));
        }
        KeyPair keys = scheme.generateKeyPair();
        X509Certificate certificate = CertificateBuilder.leaf(root, rootKey, scheme.certificateSignatureAlgorithm(),
                CertificateBuilder.subject(organization, role, commonName), keys.getPublic(), validity, false, List.of());
        return new IssuedCredential(certificate, keys.getPrivate(), List.of(certificate, root));
    }

    /**
     * Issues an ECDSA P-256 TLS certificate under the TLS root, for both server and client
     * authentication (mutual TLS between nodes). Entries that are IP literals become
     * iPAddress SANs, the rest dNSName SANs. The certificate names no holder role: a node grants
     * it neither administration nor peer calls (see {@link #issueTls(CertificateRole, String, List, Duration)}).
     */
    public IssuedCredential issueTls(String commonName, List<String> hostnamesOrIps, Duration validity) {
        return issueTls(null, commonName, hostnamesOrIps, validity);
    }

    /**
     * Issues a TLS certificate, as {@link #issueTls(String, List, Duration)}, that also names its
     * holder's role (NODE, ADMIN or USER) in a second OU after OU=tls: nodes authorize peer calls
     * by NODE and administration by ADMIN (see {@link Certificates#roles}). The first OU stays
     * tls, so the certificate still cannot sign transactions.
     */
    public IssuedCredential issueTls(CertificateRole holder, String commonName, List<String> hostnamesOrIps,
            Duration validity) {
        checkCommonName(commonName);
        Objects.requireNonNull(hostnamesOrIps, "hostnamesOrIps");
        checkValidity(validity);
        if (holder == CertificateRole.CA || holder == CertificateRole.TLS) {
            throw new IllegalArgumentException("a TLS certificate's holder is a NODE, ADMIN or USER; got " + holder);
        }
        KeyPair keys = SignatureScheme.ECDSA_P256_SHA256.generateKeyPair();
        X509Certificate certificate = CertificateBuilder.leaf(tlsRoot, tlsRootKey,
                SignatureScheme.ECDSA_P256_SHA256.certificateSignatureAlgorithm(),
                CertificateBuilder.subject(organization, CertificateRole.TLS, holder, commonName), keys.getPublic(),
                validity, true, List.copyOf(hostnamesOrIps));
        return new IssuedCredential(certificate, keys.getPrivate(), List.of(certificate, tlsRoot));
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + organization + ", " + scheme + "]";
    }

    private static void checkRoot(String organization, SignatureScheme scheme, X509Certificate root, PrivateKey key,
            String what) {
        if (!SignatureSchemes.isKeyOf(scheme, root.getPublicKey())) {
            throw new CryptoException(what + " certificate key is not a " + scheme + " key");
        }
        byte[] derived = scheme.signer(key).publicKey().getEncoded();
        if (!Arrays.equals(derived, root.getPublicKey().getEncoded())) {
            byte[] probe = "consortia-ca-key-check".getBytes(StandardCharsets.US_ASCII);
            if (!scheme.verify(root.getPublicKey(), probe, scheme.signer(key).sign(probe))) {
                throw new CryptoException(what + " private key does not match the " + what + " certificate");
            }
        }
        if (!organization.equals(Certificates.organization(root))) {
            throw new CryptoException(what + " certificate is for organisation '" + Certificates.organization(root)
                    + "', not '" + organization + "'");
        }
        if (root.getBasicConstraints() < 0) {
            throw new CryptoException(what + " certificate is not a CA certificate");
        }
    }

    private static void checkOrganization(String organization) {
        Objects.requireNonNull(organization, "organization");
        if (organization.isBlank()) {
            throw new IllegalArgumentException("organization must not be blank");
        }
    }

    private static void checkCommonName(String commonName) {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
    }

    private static void checkValidity(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
    }
}
