package io.consortia.platform.custody;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.OrganizationPolicy;
import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.Identity;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues and keeps every certificate and private key of an organisation in a consortium. Keys
 * are sealed before they reach the database and opened only in memory, for the call that needs
 * them.
 */
@Service
public class CustodyService {
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** Names every locally deployed TLS certificate is valid for. */
    public static final List<String> LOCAL_HOSTS = List.of("127.0.0.1", "localhost");
    private final CustodyRepository repository;
    private final KeyVault vault;
    /** Runs an insert that may lose a race within the caller's transaction (a savepoint). */
    private final TransactionTemplate savepoint;

    CustodyService(CustodyRepository repository, KeyVault vault, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.vault = vault;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Creates the organisation's CA for the consortium with an admin identity and a TLS client
     * certificate. Called in the transaction that makes the organisation a member.
     */
    @Transactional
    public void enroll(long consortiumId, long organizationId, String organization, SignatureScheme scheme) {
        if (repository.authority(consortiumId, organizationId).isPresent()) {
            return;
        }
        CertificateAuthority ca = CertificateAuthority.create(organization, scheme, CA_VALIDITY);
        repository.insertAuthority(consortiumId, organizationId, scheme.name(), Pem.write(ca.root()),
                Pem.write(ca.tlsRoot()));
        store(consortiumId, organizationId, KeyPurpose.CA_ROOT, "ca." + organization, ca.root(), ca.rootKey());
        store(consortiumId, organizationId, KeyPurpose.TLS_ROOT, "tlsca." + organization, ca.tlsRoot(),
                ca.tlsRootKey());
        IssuedCredential admin = ca.issue(CertificateRole.ADMIN, "admin@" + organization, LEAF_VALIDITY);
        store(consortiumId, organizationId, KeyPurpose.ADMIN, "admin@" + organization, admin.certificate(),
                admin.privateKey());
        IssuedCredential tls = ca.issueTls(CertificateRole.ADMIN, "client@" + organization, LOCAL_HOSTS, LEAF_VALIDITY);
        store(consortiumId, organizationId, KeyPurpose.CLIENT_TLS, "client@" + organization, tls.certificate(),
                tls.privateKey());
    }

    public boolean isEnrolled(long consortiumId, long organizationId) {
        return repository.authority(consortiumId, organizationId).isPresent();
    }

    /** The organisation's root certificate (identities) in the consortium. */
    public X509Certificate root(long consortiumId, long organizationId) {
        return Pem.readCertificate(authority(consortiumId, organizationId).rootPem());
    }

    /** The organisation's TLS root certificate (its nodes' and clients' TLS certificates) in the consortium. */
    public X509Certificate tlsRoot(long consortiumId, long organizationId) {
        return Pem.readCertificate(authority(consortiumId, organizationId).tlsRootPem());
    }

    /** Every member organisation's TLS root: what nodes and clients of the consortium trust. */
    public List<X509Certificate> tlsRoots(long consortiumId) {
        return repository.tlsRootPems(consortiumId).stream().map(Pem::readCertificate).toList();
    }

    public OrganizationCredentials credentials(long consortiumId, long organizationId) {
        CustodyRepository.StoredAuthority authority = authority(consortiumId, organizationId);
        X509Certificate root = Pem.readCertificate(authority.rootPem());
        String organization = io.consortia.crypto.Certificates.organization(root);
        return new OrganizationCredentials(organization, SignatureScheme.valueOf(authority.scheme()), root,
                Pem.readCertificate(authority.tlsRootPem()),
                open(consortiumId, organizationId, KeyPurpose.ADMIN, "admin@" + organization),
                open(consortiumId, organizationId, KeyPurpose.CLIENT_TLS, "client@" + organization));
    }

    /** Issues (and keeps) a node's signing and TLS certificates. */
    @Transactional
    public NodeCredentials issueNode(long consortiumId, long organizationId, String nodeId, List<String> hosts) {
        CertificateAuthority ca = loadCa(consortiumId, organizationId);
        repository.deleteKeys(consortiumId, KeyPurpose.NODE, nodeId);
        repository.deleteKeys(consortiumId, KeyPurpose.NODE_TLS, nodeId);
        IssuedCredential signing = ca.issue(CertificateRole.NODE, nodeId, LEAF_VALIDITY);
        IssuedCredential tls = ca.issueTls(CertificateRole.NODE, nodeId, hosts, LEAF_VALIDITY);
        store(consortiumId, organizationId, KeyPurpose.NODE, nodeId, signing.certificate(), signing.privateKey());
        store(consortiumId, organizationId, KeyPurpose.NODE_TLS, nodeId, tls.certificate(), tls.privateKey());
        return new NodeCredentials(signing, tls);
    }

    /** Destroys every key and CA of the consortium's organisations (the consortium is being deleted). */
    @Transactional
    public void forgetConsortium(long consortiumId) {
        repository.deleteOfConsortium(consortiumId);
    }

    /** A certificate revoked because its node was deleted. */
    public record NodeRevocation(long organizationId, KeyPurpose purpose, String subject, String serial,
            boolean wasInUse) {}

    /**
     * Revokes every certificate of a node that is being deleted: those it uses (dropped with
     * their keys, no replacement) and superseded ones still valid in their overlap. They stay
     * in the inventory as REVOKED: forgetting them would leave them valid under the
     * organisation's root, so a copy of the node's keys could still connect as it. Empty for a
     * node that was never issued certificates.
     */
    @Transactional
    public List<NodeRevocation> revokeNode(long consortiumId, String nodeId, String actor, String reason) {
        List<NodeRevocation> revoked = new java.util.ArrayList<>();
        for (CustodyRepository.StoredKey stored : repository.nodeKeys(consortiumId, nodeId)) {
            X509Certificate certificate = Pem.readCertificate(stored.view().certificatePem());
            repository.deleteKey(stored.view().id());
            repository.insertRetired(stored.view(), serial(certificate), certificate.getNotAfter().getTime(),
                    RetiredCertificate.Status.REVOKED, null, actor, reason);
            revoked.add(new NodeRevocation(stored.view().organizationId(), stored.view().purpose(), nodeId,
                    serial(certificate), true));
        }
        long now = System.currentTimeMillis();
        for (RetiredCertificate retired : repository.retired(consortiumId)) {
            if (retired.subject().equals(nodeId) && isNodePurpose(retired.purpose())
                    && retired.status() == RetiredCertificate.Status.SUPERSEDED && retired.notAfter() > now
                    && repository.revokeRetired(retired.id(), actor, reason)) {
                revoked.add(new NodeRevocation(retired.organizationId(), retired.purpose(), nodeId, retired.serial(),
                        false));
            }
        }
        return revoked;
    }

    private static boolean isNodePurpose(KeyPurpose purpose) {
        return purpose == KeyPurpose.NODE || purpose == KeyPurpose.NODE_TLS;
    }

    /**
     * The custodial signing identity of a user in the consortium, issued by their organisation's
     * CA on first use (CN = username).
     */
    @Transactional
    public Identity userIdentity(long consortiumId, long organizationId, String username) {
        CustodyRepository.StoredAuthority authority = authority(consortiumId, organizationId);
        SignatureScheme scheme = SignatureScheme.valueOf(authority.scheme());
        if (repository.key(consortiumId, organizationId, KeyPurpose.USER, username).isEmpty()) {
            IssuedCredential user = loadCa(consortiumId, organizationId).issue(CertificateRole.USER, username,
                    LEAF_VALIDITY);
            try {
                savepoint.executeWithoutResult(status -> store(consortiumId, organizationId, KeyPurpose.USER,
                        username, user.certificate(), user.privateKey()));
            } catch (DuplicateKeyException e) {
                // A concurrent first call of the same user stored a key first: everyone uses that one.
            }
        }
        IssuedCredential user = open(consortiumId, organizationId, KeyPurpose.USER, username);
        String organization = io.consortia.crypto.Certificates.organization(user.certificate());
        return Identity.of(organization, user.certificate(), user.privateKey(), scheme);
    }

    /**
     * The certificate (PEM) an identity uses now, or empty when it has none (a revoked user's
     * identity is forgotten). Nothing is decrypted: a caller that keeps an opened identity checks
     * it against this on each use, so it never signs with a revoked or superseded certificate.
     */
    public java.util.Optional<String> certificateInUse(long consortiumId, long organizationId, KeyPurpose purpose,
            String subject) {
        return repository.key(consortiumId, organizationId, purpose, subject).map(k -> k.view().certificatePem());
    }

    /** The hex serial number of a certificate, as the platform shows and records it. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** Every certificate in use in the consortium (one per identity: roots, admins, users, nodes, client TLS). */
    public List<KeyView> inUse(long consortiumId) {
        return repository.keysOfConsortium(consortiumId).stream().map(CustodyRepository.StoredKey::view).toList();
    }

    /** The user's custodial signing identities, one per consortium they have acted in. */
    public List<KeyView> userKeys(String username) {
        return repository.keysOfSubject(KeyPurpose.USER, username).stream().map(CustodyRepository.StoredKey::view)
                .toList();
    }

    /** Every certificate of the consortium that a renewal superseded or that was revoked. */
    public List<RetiredCertificate> retired(long consortiumId) {
        return repository.retired(consortiumId);
    }

    /** What an identity used before a renewal or revocation, and the credential that took its place (null: none). */
    public record Replacement(KeyView previous, IssuedCredential current) {
        @Override
        public String toString() {
            return "Replacement[" + previous.purpose() + " " + previous.subject() + "]";
        }
    }

    /**
     * Issues a new certificate with a new key from the same CA for the identity and makes it the
     * one in use; the previous certificate is recorded SUPERSEDED and stays valid until it
     * expires (the overlap), its key is dropped. CA roots cannot be renewed this way (409).
     */
    @Transactional
    public Replacement renew(long consortiumId, long organizationId, KeyPurpose purpose, String subject,
            Duration validity) {
        return replace(consortiumId, organizationId, purpose, subject, validity, RetiredCertificate.Status.SUPERSEDED,
                null, null);
    }

    /**
     * Revokes the certificate an identity uses. A user's identity is forgotten (the next use
     * issues a new one); the organisation's admin, client TLS and node identities get a
     * replacement at once, so the platform and the node keep working. The revoked certificate's
     * key is dropped: it is never used again.
     */
    @Transactional
    public Replacement revokeInUse(long consortiumId, long organizationId, KeyPurpose purpose, String subject,
            String actor, String reason) {
        if (purpose == KeyPurpose.USER) {
            CustodyRepository.StoredKey stored = stored(consortiumId, organizationId, purpose, subject);
            X509Certificate old = Pem.readCertificate(stored.view().certificatePem());
            repository.deleteKey(stored.view().id());
            repository.insertRetired(stored.view(), serial(old), old.getNotAfter().getTime(),
                    RetiredCertificate.Status.REVOKED, null, actor, reason);
            return new Replacement(stored.view(), null);
        }
        return replace(consortiumId, organizationId, purpose, subject, LEAF_VALIDITY,
                RetiredCertificate.Status.REVOKED, actor, reason);
    }

    /** Revokes a superseded certificate (still valid in its overlap); 409 when it is not SUPERSEDED. */
    @Transactional
    public void revokeRetired(RetiredCertificate certificate, String actor, String reason) {
        if (!repository.revokeRetired(certificate.id(), actor, reason)) {
            throw PlatformException.conflict("Certificate " + certificate.serial() + " is already revoked");
        }
    }

    /** The node's signing and TLS credentials in use, opened, to write where the node reads them. */
    public NodeCredentials nodeCredentials(long consortiumId, long organizationId, String nodeId) {
        return new NodeCredentials(open(consortiumId, organizationId, KeyPurpose.NODE, nodeId),
                open(consortiumId, organizationId, KeyPurpose.NODE_TLS, nodeId));
    }

    private Replacement replace(long consortiumId, long organizationId, KeyPurpose purpose, String subject,
            Duration validity, RetiredCertificate.Status status, String actor, String reason) {
        if (purpose == KeyPurpose.CA_ROOT || purpose == KeyPurpose.TLS_ROOT) {
            throw PlatformException.conflict("A CA root (" + subject + ") is not renewed or revoked here: it anchors "
                    + "every certificate of its organisation and is valid for " + CA_VALIDITY.toDays() + " days; "
                    + "renew or revoke the certificates it issued");
        }
        CustodyRepository.StoredKey stored = stored(consortiumId, organizationId, purpose, subject);
        X509Certificate old = Pem.readCertificate(stored.view().certificatePem());
        CertificateAuthority ca = loadCa(consortiumId, organizationId);
        IssuedCredential fresh = switch (purpose) {
            case ADMIN -> ca.issue(CertificateRole.ADMIN, subject, validity);
            case USER -> ca.issue(CertificateRole.USER, subject, validity);
            case NODE -> ca.issue(CertificateRole.NODE, subject, validity);
            case NODE_TLS -> ca.issueTls(CertificateRole.NODE, subject, hosts(old), validity);
            case CLIENT_TLS -> ca.issueTls(CertificateRole.ADMIN, subject, hosts(old), validity);
            case CA_ROOT, TLS_ROOT -> throw new IllegalStateException("checked above");
        };
        String sealed = vault.seal(Pem.write(fresh.privateKey()).getBytes(StandardCharsets.UTF_8),
                KeyVault.context(consortiumId, organizationId, purpose, subject));
        repository.replaceKey(stored.view().id(), Pem.write(fresh.certificate()), sealed);
        repository.insertRetired(stored.view(), serial(old), old.getNotAfter().getTime(), status,
                serial(fresh.certificate()), actor, reason);
        return new Replacement(stored.view(), fresh);
    }

    /** The names a TLS certificate is valid for, to give its renewal the same ones. */
    private static List<String> hosts(X509Certificate certificate) {
        try {
            java.util.Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null || names.isEmpty()) {
                return LOCAL_HOSTS;
            }
            return names.stream().filter(n -> n.size() == 2 && n.get(1) instanceof String)
                    .map(n -> (String) n.get(1)).distinct().toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException("The TLS certificate in custody has unreadable names", e);
        }
    }

    private CustodyRepository.StoredKey stored(long consortiumId, long organizationId, KeyPurpose purpose,
            String subject) {
        return repository.key(consortiumId, organizationId, purpose, subject)
                .orElseThrow(() -> PlatformException.notFound("Certificate", purpose + " " + subject));
    }

    /** Certificates (public) of an organisation in a consortium. */
    public List<KeyView> certificates(long consortiumId, long organizationId) {
        return repository.keysOf(organizationId).stream().map(CustodyRepository.StoredKey::view)
                .filter(k -> k.consortiumId() == consortiumId).map(CustodyService::shown).toList();
    }

    /** Metadata of every key the organisation has in custody: its own users, platform admins, auditors. */
    public List<KeyView> keys(Caller caller, long organizationId) {
        OrganizationPolicy.requireReadPrivate(caller, organizationId);
        return repository.keysOf(organizationId).stream().map(CustodyRepository.StoredKey::view)
                .map(CustodyService::shown).toList();
    }

    /**
     * A key as listed: its subject the certificate's CN. The TLS root is kept under the label
     * {@code tlsca.<organisation>}, but on an ECDSA network it is the CA root itself (CN
     * {@code ca.<organisation>}), and a listing naming a certificate that is not the one served
     * misleads whoever checks TLS trust from it. The label stays what the vault and lookups use.
     */
    private static KeyView shown(KeyView key) {
        if (key.purpose() != KeyPurpose.TLS_ROOT) {
            return key;
        }
        String commonName = Certificates.commonName(Pem.readCertificate(key.certificatePem()));
        return commonName.equals(key.subject()) ? key
                : new KeyView(key.id(), key.consortiumId(), key.organizationId(), key.purpose(), commonName,
                        key.certificatePem(), key.createdAt());
    }

    /** Every key of the organisation, opened, for the encrypted export only. */
    List<OpenedKey> openAll(long organizationId) {
        return repository.keysOf(organizationId).stream()
                .map(k -> new OpenedKey(k.view(), vault.open(k.sealedKey(), KeyVault.context(k.view().consortiumId(),
                        organizationId, k.view().purpose(), k.view().subject()))))
                .toList();
    }

    record OpenedKey(KeyView view, byte[] privateKeyPem) {}

    private CertificateAuthority loadCa(long consortiumId, long organizationId) {
        CustodyRepository.StoredAuthority authority = authority(consortiumId, organizationId);
        X509Certificate root = Pem.readCertificate(authority.rootPem());
        String organization = io.consortia.crypto.Certificates.organization(root);
        IssuedCredential rootKey = open(consortiumId, organizationId, KeyPurpose.CA_ROOT, "ca." + organization);
        IssuedCredential tlsRootKey = open(consortiumId, organizationId, KeyPurpose.TLS_ROOT, "tlsca." + organization);
        return CertificateAuthority.load(organization, SignatureScheme.valueOf(authority.scheme()), root,
                rootKey.privateKey(), tlsRootKey.certificate(), tlsRootKey.privateKey());
    }

    private CustodyRepository.StoredAuthority authority(long consortiumId, long organizationId) {
        return repository.authority(consortiumId, organizationId).orElseThrow(() -> PlatformException.conflict(
                "Organisation " + organizationId + " has no CA in consortium " + consortiumId
                        + " (it is not a member)"));
    }

    private void store(long consortiumId, long organizationId, KeyPurpose purpose, String subject,
            X509Certificate certificate, PrivateKey key) {
        String sealed = vault.seal(Pem.write(key).getBytes(StandardCharsets.UTF_8),
                KeyVault.context(consortiumId, organizationId, purpose, subject));
        repository.insertKey(consortiumId, organizationId, purpose, subject, Pem.write(certificate), sealed);
    }

    private IssuedCredential open(long consortiumId, long organizationId, KeyPurpose purpose, String subject) {
        CustodyRepository.StoredKey stored = repository.key(consortiumId, organizationId, purpose, subject)
                .orElseThrow(() -> PlatformException.notFound("Key", purpose + " " + subject));
        PrivateKey key = Pem.readPrivateKey(new String(vault.open(stored.sealedKey(),
                KeyVault.context(consortiumId, organizationId, purpose, subject)), StandardCharsets.UTF_8));
        X509Certificate certificate = Pem.readCertificate(stored.view().certificatePem());
        return new IssuedCredential(certificate, key, List.of(certificate));
    }
}
