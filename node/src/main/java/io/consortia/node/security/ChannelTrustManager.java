package io.consortia.node.security;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Whom the node's TLS stacks trust, replaceable without restarting them: the JDK's PKIX checks
 * (chain, validity, host name for clients) against the current roots, then a refusal of any
 * certificate in the chain that its issuer's organisation revoked in a committed channel
 * configuration. A swap affects the next handshake; connections already open stay open.
 *
 * <p>A revoked certificate is refused with a {@link CertificateRevokedException} whose cause is a
 * {@link CertPathValidatorException} of reason {@code REVOKED}: that is what Netty's OpenSSL
 * binding (the exception itself) and the JDK's TLS stack (the cause) turn into the
 * {@code certificate_revoked} alert, so the peer learns why; any other exception becomes
 * {@code internal_error} or {@code certificate_unknown}. Each refusal is logged
 * ({@link RevokedHandshakeLog}).
 */
public final class ChannelTrustManager extends X509ExtendedTrustManager {
    /** When and why an organisation revoked a certificate, as its channel configuration says. */
    public record Revocation(Instant revokedAt, String reason) {}

    /** The roots and the revoked serial numbers by the issuer that issued them. */
    public record Trust(List<X509Certificate> roots, Map<X500Principal, Map<BigInteger, Revocation>> revoked) {
        public Trust {
            roots = List.copyOf(roots);
            Map<X500Principal, Map<BigInteger, Revocation>> copy = new HashMap<>();
            revoked.forEach((issuer, serials) -> copy.put(issuer, Map.copyOf(serials)));
            revoked = Map.copyOf(copy);
        }
    }

    private record State(Trust trust, X509ExtendedTrustManager pkix) {}

    private volatile State state;
    private final RevokedHandshakeLog refusals;

    ChannelTrustManager(Trust trust) {
        this(trust, new RevokedHandshakeLog());
    }

    ChannelTrustManager(Trust trust, RevokedHandshakeLog refusals) {
        this.refusals = refusals;
        replace(trust);
    }

    void replace(Trust trust) {
        if (trust.roots().isEmpty()) {
            throw new SecurityException("a TLS trust without roots would refuse every connection");
        }
        this.state = new State(trust, pkix(trust.roots()));
    }

    Trust trust() {
        return state.trust();
    }

    private static X509ExtendedTrustManager pkix(Collection<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + (i++), root);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new SecurityException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new SecurityException("cannot build the TLS trust manager: " + e.getMessage(), e);
        }
    }

    /** Refuses a chain holding a certificate revoked by the organisation of its issuer. */
    private void refuseRevoked(State s, X509Certificate[] chain, String peer) throws CertificateException {
        if (chain == null) {
            return;
        }
        for (X509Certificate c : chain) {
            Map<BigInteger, Revocation> serials = s.trust().revoked().get(c.getIssuerX500Principal());
            Revocation revocation = serials == null ? null : serials.get(c.getSerialNumber());
            if (revocation != null) {
                refusals.refused(peer, c, revocation.revokedAt(), revocation.reason());
                throw revoked(c, revocation);
            }
        }
    }

    private static CertificateRevokedException revoked(X509Certificate c, Revocation revocation) {
        CertificateRevokedException e = new CertificateRevokedException(Date.from(revocation.revokedAt()),
                crlReason(revocation.reason()), c.getIssuerX500Principal(), Map.of());
        e.initCause(new CertPathValidatorException("certificate " + c.getSerialNumber().toString(16) + " of "
                + c.getSubjectX500Principal().getName() + " is revoked", null, null, -1,
                CertPathValidatorException.BasicReason.REVOKED));
        return e;
    }

    /**
     * The CRL reason a free-text reason starts with ("keyCompromise", "key compromise",
     * "cessationOfOperation: node deleted"), else unspecified.
     */
    static CRLReason crlReason(String reason) {
        String named = reason == null ? "" : reason.split(":", 2)[0];
        String words = named.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
        for (CRLReason r : CRLReason.values()) {
            if (r.name().replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(words)) {
                return r;
            }
        }
        return CRLReason.UNSPECIFIED;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType);
        refuseRevoked(s, chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType);
        refuseRevoked(s, chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType, socket);
        refuseRevoked(s, chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType, socket);
        refuseRevoked(s, chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType, engine);
        refuseRevoked(s, chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType, engine);
        refuseRevoked(s, chain, "server");
    }

    /**
     * None named: a server tells clients which issuers it accepts, and TLS stacks may take that
     * list once when a context is built; a client of an organisation added later would then find
     * its issuer missing and present no certificate. The checks above decide instead.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
