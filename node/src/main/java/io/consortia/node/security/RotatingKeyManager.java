package io.consortia.node.security;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The node's TLS key and certificate as every TLS stack of the node sees them (client API server,
 * node-to-node clients, Ratis), replaceable while connections are being made.
 *
 * <p>Why aliases carry a generation: a TLS stack first chooses an alias, then asks for that
 * alias's chain and key, possibly after a rotation happened in between; and Netty's OpenSSL
 * binding may cache key material by alias. One alias per generation keeps the certificate and
 * the key of one handshake a matching pair, and never serves an old cached pair as the new one.
 * A few previous generations stay answerable for handshakes that chose them just before a swap.
 */
public final class RotatingKeyManager extends X509ExtendedKeyManager {
    private static final int KEPT_GENERATIONS = 4;

    private record Pair(X509Certificate[] chain, PrivateKey key) {}

    private final Map<String, Pair> generations = new LinkedHashMap<>();
    private volatile String current;
    private int generation;

    RotatingKeyManager(X509Certificate certificate, PrivateKey key) {
        replace(certificate, key);
    }

    /** New handshakes present this certificate from now on; handshakes under way finish with theirs. */
    synchronized void replace(X509Certificate certificate, PrivateKey key) {
        String alias = "node-tls-" + (++generation);
        generations.put(alias, new Pair(new X509Certificate[] {certificate}, key));
        while (generations.size() > KEPT_GENERATIONS) {
            generations.remove(generations.keySet().iterator().next());
        }
        current = alias;
    }

    X509Certificate certificate() {
        return pair(current).chain()[0];
    }

    private synchronized Pair pair(String alias) {
        return generations.get(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {current};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {current};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Pair p = pair(alias);
        return p == null ? null : p.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Pair p = pair(alias);
        return p == null ? null : p.key();
    }
}
