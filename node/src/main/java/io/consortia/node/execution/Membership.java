package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Pem;
import io.consortia.node.NodeException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.ValidationCode;
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
 * an answer, which keeps {@link #check} deterministic across nodes.
 */
public final class Membership {
    static final int CACHE_SIZE = 4096;

    private final Map<String, List<X509Certificate>> rootsByOrganization;
    private final ConcurrentHashMap<ByteString, CertificateFacts> cache = new ConcurrentHashMap<>();

    /** @throws NodeException if an organisation's root certificates cannot be read */
    public Membership(ChannelConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, List<X509Certificate>> roots = new TreeMap<>();
        for (Organization organization : config.getOrganizationsList()) {
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
        switch (creator.getCredentialCase()) {
            case CERTIFICATE_ID:
                return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "registered certificate ids are not supported yet");
            case CERTIFICATE:
                break;
            default:
                return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "creator has no certificate");
        }
        CertificateFacts facts = facts(creator.getCertificate());
        if (facts.error() != null) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, facts.error());
        }
        if (!facts.organization().equals(organization)) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE,
                    "certificate belongs to organization '" + facts.organization() + "', not '" + organization + "'");
        }
        if (at.isBefore(facts.validFrom()) || at.isAfter(facts.validUntil())) {
            return CreatorCheck.refused(ValidationCode.BAD_CERTIFICATE, "certificate is not valid at " + at
                    + " (valid from " + facts.validFrom() + " to " + facts.validUntil() + "); use a current certificate");
        }
        return CreatorCheck.valid(facts.certificate(), facts.certificate().getPublicKey(), facts.commonName());
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
