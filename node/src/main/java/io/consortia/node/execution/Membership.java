package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Pem;
import io.consortia.node.NodeException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.ValidationCode;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may create transactions on a channel: the organisations of its config, each trusting
 * the root CA certificates given as PEM. Thread-safe; build a new one when the config changes.
 *
 * <p>The same client certificate typically signs thousands of transactions per second, so
 * everything about a certificate that does not depend on time (parsing, chain validation,
 * subject organisation, the interval it is valid in) is computed once and cached by its DER
 * bytes (see {@link CertificateFacts}); only the cheap time comparison runs per call. The
 * cache is bounded ({@value #CACHE_SIZE} entries, arbitrary eviction without locks); since
 * an entry is a pure function of the bytes and the channel's roots, eviction never changes
 * an answer, which keeps {@link #check} deterministic across nodes. Revocation (the
 * configuration's {@code Organization.revoked} serial numbers) is checked on every call, after
 * the cached facts, so it never depends on what a node happened to cache.
 */
public final class Membership {
    static final int CACHE_SIZE = 4096;

    private final Map<String, List<X509Certificate>> rootsByOrganization;
    /** Serial numbers revoked by the configuration, per organisation; checked per call, never cached. */
    private final Map<String, Set<BigInteger>> revoked;
    private final long version;
    private final ChannelConfig config;
    private final ConcurrentHashMap<ByteString, CertificateFacts> cache = new ConcurrentHashMap<>();
    private final CertificateRegistry.Lookup registry;
    private final int idBytes;
    /**
     * Ids found registered, with their DER bytes. Only ids read from committed blocks enter it, and
     * a registration is never undone, so a hit answers as the ledger would at any later height.
     */
    private final ConcurrentHashMap<ByteString, ByteString> registered = new ConcurrentHashMap<>();

    /**
     * A membership that refuses certificate ids (nothing is registered).
     *
     * @throws NodeException if an organisation's root certificates cannot be read
     */
    public Membership(ChannelConfig config) {
        this(config, CertificateRegistry.NONE);
    }

    /**
     * A membership that resolves certificate ids with {@code registry}, which must read committed
     * blocks only (see {@link CertificateRegistry}).
     *
     * @throws NodeException if an organisation's root certificates cannot be read
     */
    public Membership(ChannelConfig config, CertificateRegistry.Lookup registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(config, "config");
        Map<String, List<X509Certificate>> roots = new TreeMap<>();
        Map<String, Set<BigInteger>> revokedSerials = new TreeMap<>();
        for (Organization organization : config.getOrganizationsList()) {
            revokedSerials.put(organization.getName(), organization.getRevokedList().stream()
                    .filter(r -> !r.getSerialNumber().isEmpty())
                    .map(r -> new BigInteger(r.getSerialNumber().toByteArray()))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
            try {
                List<X509Certificate> certificates = Pem.readCertificates(organization.getRootCertificatesPem());
                if (certificates.isEmpty()) {
                    throw new NodeException("organization " + organization.getName() + " has no root certificate");
                }
                roots.put(organization.getName(), List.copyOf(certificates));
            } catch (RuntimeException e) {
                if (e instanceof NodeException) {
                    throw e;
                }
                throw new NodeException("root certificates of organization " + organization.getName()
                        + " in channel " + config.getName() + " cannot be read: " + e.getMessage(), e);
            }
        }
        this.rootsByOrganization = Map.copyOf(roots);
        this.revoked = Map.copyOf(revokedSerials);
        this.version = Math.max(1, config.getVersion());
        this.config = config;
        // SHA-256 and SM3 both give 32 bytes; a config without a scheme cannot run transactions anyway
        this.idBytes = config.getScheme() == io.consortia.protocol.v1.SignatureScheme.SIGNATURE_SCHEME_UNSPECIFIED ? 32
                : io.consortia.node.ledger.ChannelSchemes.signatureScheme(config).hash().length();
    }

    /** The configuration this membership was built from. */
    public ChannelConfig config() {
        return config;
    }

    public Set<String> organizations() {
        return rootsByOrganization.keySet();
    }

    public boolean isMember(String organization) {
        return rootsByOrganization.containsKey(organization);
    }

    /**
     * Checks that the creator's organisation is a member and that its certificate was issued
     * by that organisation's CA, names that organisation (subject O) and is valid at {@code at}.
     */
    public CreatorCheck check(Creator creator, Instant at) {
        String organization = creator.getOrganization();
        if (!rootsByOrganization.containsKey(organization)) {
            return CreatorCheck.refused(ValidationCode.UNKNOWN_ORGANIZATION,
                    "organization '" + organization + "' is not a member of this channel");
        }
        ByteString der;
        switch (creator.getCredentialCase()) {
            case CERTIFICATE_ID:
                ByteString id = creator.getCertificateId();
                if (id.size() != idBytes) {
                    return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "certificate id has " + id.size()
                            + " bytes; an id is the channel's " + idBytes + "-byte hash of the certificate's DER encoding");
                }
                der = registered(id);
                if (der == null) {
                    return CreatorCheck.refused(ValidationCode.UNKNOWN_CERTIFICATE, "certificate id "
                            + io.consortia.crypto.Hashes.hex(id.toByteArray()) + " is not registered on this channel"
                            + " (yet): send the certificate itself; a transaction that carries it registers it when"
                            + " it commits");
                }
                break;
            case CERTIFICATE:
                der = creator.getCertificate();
                break;
            default:
                return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "creator has no certificate");
        }
        CertificateFacts facts = facts(der);
        if (facts.error() != null) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, facts.error());
        }
        if (!facts.organization().equals(organization)) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE,
                    "certificate belongs to organization '" + facts.organization() + "', not '" + organization + "'");
        }
        if (revoked.getOrDefault(organization, Set.of()).contains(facts.certificate().getSerialNumber())) {
            return CreatorCheck.refused(ValidationCode.CERTIFICATE_REVOKED, "certificate with serial number "
                    + facts.certificate().getSerialNumber().toString(16) + " of organization '" + organization
                    + "' is revoked by the channel configuration (version " + version + "); use a new certificate");
        }
        if (at.isBefore(facts.validFrom()) || at.isAfter(facts.validUntil())) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "certificate is not valid at " + at
                    + " (valid from " + facts.validFrom() + " to " + facts.validUntil() + "); use a current certificate");
        }
        return CreatorCheck.valid(facts.certificate(), facts.certificate().getPublicKey(), facts.commonName());
    }

    /** Checks a full certificate of {@code organization} as {@link #check} checks a creator's (configuration signers). */
    public io.consortia.node.governance.CertificateCheck.Result checkCertificate(String organization, ByteString der,
                                                                                 Instant at) {
        CreatorCheck result = check(Creator.newBuilder().setOrganization(organization).setCertificate(der).build(), at);
        return result.valid() ? io.consortia.node.governance.CertificateCheck.Result.valid(result.certificate())
                : io.consortia.node.governance.CertificateCheck.Result.refused(result.reason());
    }

    /** The DER bytes of the certificate registered in committed blocks under {@code id}, or null. */
    ByteString registered(ByteString id) {
        ByteString der = registered.get(id);
        if (der != null) {
            return der;
        }
        der = registry.certificate(id).map(ByteString::copyFrom).orElse(null);
        if (der != null) {
            if (registered.size() >= CACHE_SIZE) {
                Iterator<ByteString> victims = registered.keySet().iterator();
                if (victims.hasNext()) {
                    registered.remove(victims.next());
                }
            }
            // a copy: the id may be a view into a large parsed message that the cache must not keep alive
            registered.put(ByteString.copyFrom(id.toByteArray()), der);
        }
        return der;
    }

    private CertificateFacts facts(ByteString der) {
        CertificateFacts cached = cache.get(der);
        if (cached != null) {
            return cached;
        }
        CertificateFacts computed = CertificateFacts.of(der.toByteArray(), rootsByOrganization);
        if (cache.size() >= CACHE_SIZE) {
            Iterator<ByteString> victims = cache.keySet().iterator();
            if (victims.hasNext()) {
                cache.remove(victims.next());
            }
        }
        cache.put(der, computed);
        return computed;
    }

    /** Visible for tests: how many certificates are cached. */
    int cachedCertificates() {
        return cache.size();
    }
}
