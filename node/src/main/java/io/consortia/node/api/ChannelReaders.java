package io.consortia.node.api;

import io.consortia.crypto.Pem;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Who may read a channel (blocks, transactions, events, height, configuration) through the client
 * API: a caller whose TLS client certificate was issued by a root of one of the channel's
 * organisations, per the channel's committed configuration.
 *
 * <p>Why not the handshake alone: it also trusts the node's configured roots ({@code tls-roots.pem},
 * written when the node is installed and never narrowed), so an organisation removed from the
 * channel, or from the consortium, went on reading the channel's new blocks with its old
 * certificates, and revoking them changed nothing once the organisation was in no channel to carry
 * the revocation. Submissions were already refused (their creator's organisation is checked).
 *
 * <p>Decisions are kept per channel, configuration version and certificate, so a read costs a map
 * lookup; a new configuration version decides again.
 */
final class ChannelReaders {
    private static final int KEPT_DECISIONS = 4096;

    private record Key(String channel, long version, X509Certificate caller) {}

    private final boolean tls;
    private final Map<Key, Boolean> decided = new ConcurrentHashMap<>();

    ChannelReaders(boolean tls) {
        this.tls = tls;
    }

    /** The caller of the current call may read the channel, or PERMISSION_DENIED says why not. */
    void require(ChannelConfig config) {
        require(config, CallerInterceptor.caller().orElse(null));
    }

    /** As {@link #require(ChannelConfig)} for a caller captured when its stream opened. */
    void require(ChannelConfig config, X509Certificate caller) {
        if (!tls) {
            return; // development without TLS: nobody is identified
        }
        if (caller == null) {
            throw Status.PERMISSION_DENIED.withDescription("channel " + config.getName()
                    + " is read with a TLS client certificate of one of its organisations; the call has none")
                    .asRuntimeException();
        }
        if (decided.size() > KEPT_DECISIONS) {
            decided.clear();
        }
        boolean member = decided.computeIfAbsent(new Key(config.getName(), config.getVersion(), caller),
                k -> issuedByMember(config, caller));
        if (!member) {
            throw Status.PERMISSION_DENIED.withDescription("channel " + config.getName() + " is readable by its "
                    + "organisations only (" + config.getOrganizationsList().stream().map(Organization::getName)
                    .collect(Collectors.joining(", ")) + "); the caller's TLS certificate ("
                    + caller.getSubjectX500Principal().getName() + ") was issued by none of their roots")
                    .asRuntimeException();
        }
    }

    private static boolean issuedByMember(ChannelConfig config, X509Certificate caller) {
        String named = organizationOf(caller);
        for (Organization org : config.getOrganizationsList()) {
            if (org.getName().equals(named) && tlsRootOutsideConfig(config, org)) {
                // TLS is always P-256: an SM2 organisation without a TLS root in the configuration has
                // it in the nodes' configured roots only, so the handshake checked the chain; its name
                // decides, as for administration and peer calls (Authorization)
                return true;
            }
            for (String pem : new String[] {org.getRootCertificatesPem(), org.getTlsRootCertificatesPem()}) {
                if (pem.isBlank()) {
                    continue;
                }
                for (X509Certificate root : Pem.readCertificates(pem)) {
                    if (issued(root, caller)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean tlsRootOutsideConfig(ChannelConfig config, Organization org) {
        return config.getScheme() == io.consortia.protocol.v1.SignatureScheme.SM2_SM3
                && org.getTlsRootCertificatesPem().isBlank();
    }

    private static String organizationOf(X509Certificate certificate) {
        try {
            return io.consortia.crypto.Certificates.organization(certificate);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean issued(X509Certificate root, X509Certificate caller) {
        try {
            if (!caller.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
                return false;
            }
            // the JDK's own certificate object: the caller's key algorithm may be one BouncyCastle's parse names otherwise
            X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(root.getEncoded()));
            caller.verify(jdk.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false; // another organisation's root, or one the JDK cannot use (an SM2 identity root)
        }
    }
}
