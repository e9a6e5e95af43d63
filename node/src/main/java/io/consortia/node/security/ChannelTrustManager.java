package io.consortia.node.security;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class ChannelTrustManager extends X509ExtendedTrustManager {
    /** The roots and the revoked serial numbers by the issuer that issued them. */
    public record Trust(List<X509Certificate> roots, Map<X500Principal, Set<BigInteger>> revoked) {
        public Trust {
            roots = List.copyOf(roots);
            Map<X500Principal, Set<BigInteger>> copy = new HashMap<>();
            revoked.forEach((issuer, serials) -> copy.put(issuer, Set.copyOf(serials)));
            revoked = Map.copyOf(copy);
        }
    }

    private record State(Trust trust, X509ExtendedTrustManager pkix) {}

    private volatile State state;

    ChannelTrustManager(Trust trust) {
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
    private static void refuseRevoked(State s, X509Certificate[] chain) throws CertificateException {
        if (chain == null) {
            return;
        }
        for (X509Certificate c : chain) {
            Set<BigInteger> serials = s.trust().revoked().get(c.getIssuerX500Principal());
            if (serials != null && serials.contains(c.getSerialNumber())) {
                throw new CertificateException("certificate " + c.getSerialNumber().toString(16) + " of "
                        + c.getSubjectX500Principal().getName() + " is revoked");
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType);
        refuseRevoked(s, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType);
        refuseRevoked(s, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType, socket);
        refuseRevoked(s, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType, socket);
        refuseRevoked(s, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        State s = state;
        s.pkix().checkClientTrusted(chain, authType, engine);
        refuseRevoked(s, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        State s = state;
        s.pkix().checkServerTrusted(chain, authType, engine);
        refuseRevoked(s, chain);
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
