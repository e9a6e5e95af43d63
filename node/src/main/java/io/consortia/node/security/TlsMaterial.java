package io.consortia.node.security;

import io.consortia.crypto.Pem;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.security.auth.x500.X500Principal;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS certificate, key and trust, shared by every transport: the client API server
 * (mutual TLS required), node-to-node clients (checkpoints, hand-off) and Ratis. Each transport's
 * context is built once over a {@link RotatingKeyManager} and a {@link ChannelTrustManager}, so
 * that a rotated certificate ({@link #reload}) and the trust of a newly committed channel
 * configuration ({@link #trustChannels}) or of a rewritten trusted-roots bundle ({@link #reload})
 * apply to the next handshake without restarting anything, while connections already open keep
 * working.
 *
 * <p>Trust = the roots of the configured {@code tls.trustedRoots} file, less those of organisations
 * that a served channel's committed configuration removed (and no served channel lists), ∪ the TLS
 * roots of every organisation of every channel the node serves; certificates an organisation revoked in a
 * served channel's committed configuration are refused. Keys and certificates are re-encoded
 * into the JDK's own classes so every TLS stack accepts them.
 */
public final class TlsMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

    private final NodeConfig.Tls files;
    /** The bundle's roots as last read, and the inputs of the last trust computation: a reload redoes it. */
    private List<X509Certificate> configuredRoots;
    private Collection<ChannelConfig> servedChannels = List.of();
    private Collection<Organization> removedOrganizations = List.of();
    private final RotatingKeyManager keys;
    private final ChannelTrustManager trust;
    private volatile SslContext serverContext;
    private volatile SslContext clientContext;

    private TlsMaterial(NodeConfig.Tls files, X509Certificate certificate, PrivateKey privateKey,
                        List<X509Certificate> configuredRoots) {
        this.files = files;
        this.configuredRoots = List.copyOf(configuredRoots);
        this.keys = new RotatingKeyManager(certificate, privateKey);
        this.trust = new ChannelTrustManager(new ChannelTrustManager.Trust(configuredRoots, Map.of()));
    }

    public static TlsMaterial load(NodeConfig.Tls tls) {
        try {
            KeyPair pair = readKeyPair(tls);
            return new TlsMaterial(tls, pair.certificate(), pair.key(), readRoots(tls));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException("cannot load TLS material: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readRoots(NodeConfig.Tls tls) throws IOException, GeneralSecurityException {
        List<X509Certificate> roots = new ArrayList<>();
        for (X509Certificate root : Pem.readCertificates(Files.readString(tls.trustedRoots()))) {
            roots.add(jdk(root));
        }
        if (roots.isEmpty()) {
            throw new ConfigException("tls.trustedRoots " + tls.trustedRoots() + " holds no certificate");
        }
        return roots;
    }

    private record KeyPair(X509Certificate certificate, PrivateKey key) {}

    private static KeyPair readKeyPair(NodeConfig.Tls tls) throws IOException, GeneralSecurityException {
        X509Certificate cert = jdk(Pem.readCertificate(Files.readString(tls.certificate())));
        PrivateKey key = jdkKey(Pem.readPrivateKey(Files.readString(tls.privateKey())));
        KeyPairs.requireMatching(cert, key, "tls.certificate " + tls.certificate(), "tls.privateKey");
        return new KeyPair(cert, key);
    }

    /**
     * Reads the TLS certificate and key files and the trusted-roots bundle again; new handshakes
     * present the new certificate and trust the bundle's roots as {@link #trustChannels} filters
     * them, with the served channels' roots. The platform rewrites the bundle when an organisation
     * leaves the consortium; a node that never shared a channel with it learns it only from there.
     * Nothing changes when a file is unusable (unreadable, a key that does not belong to the
     * certificate, a certificate not valid now, a bundle without a certificate).
     */
    public synchronized X509Certificate reload() {
        KeyPair pair;
        try {
            pair = readKeyPair(files);
            pair.certificate().checkValidity();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException("cannot reload the TLS certificate: " + e.getMessage(), e);
        }
        List<X509Certificate> roots;
        try {
            roots = readRoots(files);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException("cannot reload tls.trustedRoots " + files.trustedRoots() + ": "
                    + (e instanceof ConfigException ? "it holds no certificate"
                    : e instanceof IOException ? "unreadable (" + e + ")" : e.getMessage()), e);
        }
        keys.replace(pair.certificate(), pair.key());
        LOG.info("TLS certificate reloaded: serial {}, valid until {}",
                pair.certificate().getSerialNumber().toString(16), pair.certificate().getNotAfter().toInstant());
        configuredRoots = List.copyOf(roots);
        trustChannels(servedChannels, removedOrganizations);
        return pair.certificate();
    }

    /** As {@link #trustChannels(Collection, Collection)} with no organisation removed. */
    public void trustChannels(Collection<ChannelConfig> channels) {
        trustChannels(channels, List.of());
    }

    /**
     * Trusts the TLS roots of every organisation of these channel configurations besides the
     * configured roots, and refuses what their organisations revoked. Called with the committed
     * configuration of every channel the node serves, whenever one of them changes, and with the
     * organisations that those channels' committed configurations removed.
     *
     * <p>The configured bundle lists every member when the node was installed, so that it can
     * talk to them before any channel does; a removed organisation's root in it would let its
     * certificates through the handshake for as long as the file lives. Such a root is no longer
     * trusted unless a served channel still lists it (the organisation, or another one with the
     * same root, is still a member there) or it issued the node's own TLS certificate.
     */
    public synchronized void trustChannels(Collection<ChannelConfig> channels, Collection<Organization> removed) {
        servedChannels = List.copyOf(channels);
        removedOrganizations = List.copyOf(removed);
        Map<String, X509Certificate> channelRoots = new LinkedHashMap<>();
        Map<X500Principal, Map<BigInteger, ChannelTrustManager.Revocation>> revoked = new HashMap<>();
        for (ChannelConfig channel : channels) {
            for (Organization org : channel.getOrganizationsList()) {
                List<X509Certificate> orgRoots = new ArrayList<>();
                orgRoots.addAll(parse(org.getRootCertificatesPem(), channel, org));
                List<X509Certificate> tlsRoots = parse(org.getTlsRootCertificatesPem(), channel, org);
                orgRoots.addAll(tlsRoots);
                (tlsRoots.isEmpty() ? orgRoots : tlsRoots).forEach(r -> channelRoots.putIfAbsent(fingerprint(r), r));
                for (RevokedCertificate r : org.getRevokedList()) {
                    BigInteger serial = new BigInteger(r.getSerialNumber().toByteArray());
                    ChannelTrustManager.Revocation revocation = new ChannelTrustManager.Revocation(
                            Instant.ofEpochMilli(r.getRevokedMillis()), r.getReason());
                    // a revocation names a certificate issued by one of the organisation's CAs
                    for (X509Certificate root : orgRoots) {
                        revoked.computeIfAbsent(root.getSubjectX500Principal(), k -> new HashMap<>())
                                .putIfAbsent(serial, revocation);
                    }
                }
            }
        }
        Set<String> withdrawn = withdrawn(removed, channelRoots.keySet());
        Map<String, X509Certificate> roots = new LinkedHashMap<>();
        configuredRoots.stream().filter(r -> !withdrawn.contains(fingerprint(r)))
                .forEach(r -> roots.put(fingerprint(r), r));
        channelRoots.forEach(roots::putIfAbsent);
        if (roots.isEmpty()) {
            LOG.warn("TLS trust: every configured root belongs to a removed organisation; keeping them all");
            configuredRoots.forEach(r -> roots.put(fingerprint(r), r));
        }
        ChannelTrustManager.Trust next = new ChannelTrustManager.Trust(List.copyOf(roots.values()), revoked);
        ChannelTrustManager.Trust previous = trust.trust();
        if (!sameTrust(previous, next)) {
            trust.replace(next);
            LOG.info("TLS trust now {} roots and {} revoked certificates (from {} channels; {} configured roots of"
                    + " removed organisations no longer trusted)", next.roots().size(),
                    next.revoked().values().stream().mapToInt(Map::size).sum(), channels.size(),
                    configuredRoots.stream().filter(r -> withdrawn.contains(fingerprint(r))).count());
        }
    }

    /** Fingerprints of the removed organisations' TLS roots that neither a served channel nor this node uses. */
    private Set<String> withdrawn(Collection<Organization> removed, Set<String> stillListed) {
        Set<String> out = new HashSet<>();
        ChannelConfig none = ChannelConfig.getDefaultInstance();
        for (Organization org : removed) {
            List<X509Certificate> tlsRoots = parse(org.getTlsRootCertificatesPem(), none, org);
            for (X509Certificate root : tlsRoots.isEmpty() ? parse(org.getRootCertificatesPem(), none, org) : tlsRoots) {
                String fingerprint = fingerprint(root);
                if (!stillListed.contains(fingerprint) && !issued(root, certificate())) {
                    out.add(fingerprint);
                }
            }
        }
        return out;
    }

    private static boolean issued(X509Certificate root, X509Certificate certificate) {
        if (!root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean sameTrust(ChannelTrustManager.Trust a, ChannelTrustManager.Trust b) {
        return new HashSet<>(a.roots()).equals(new HashSet<>(b.roots())) && a.revoked().equals(b.revoked());
    }

    /** Roots that the JDK cannot use (an SM2 identity root on an SM2 network: TLS is ECDSA) are skipped. */
    private static List<X509Certificate> parse(String pem, ChannelConfig channel, Organization org) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (X509Certificate c : Pem.readCertificates(pem)) {
                try {
                    out.add(jdk(c));
                } catch (GeneralSecurityException | RuntimeException e) {
                    LOG.debug("channel {}: a root of {} is not usable for TLS: {}", channel.getName(), org.getName(),
                            e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("channel {}: the roots of {} are unreadable: {}", channel.getName(), org.getName(), e.toString());
        }
        return out;
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return io.consortia.crypto.Hashes.hex(io.consortia.crypto.Hashes.sha256().digest(c.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static X509Certificate jdk(X509Certificate c) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.getEncoded()));
    }

    private static PrivateKey jdkKey(PrivateKey k) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(k.getEncoded()));
    }

    /** The certificate new handshakes present. */
    public X509Certificate certificate() {
        return keys.certificate();
    }

    /** The roots trusted now (configured and from the served channels' configurations). */
    public List<X509Certificate> trustedRoots() {
        return trust.trust().roots();
    }

    /** Server side of the client API: every caller must present a certificate from a trusted root. */
    public synchronized SslContext serverContext() {
        if (serverContext == null) {
            try {
                serverContext = GrpcSslContexts.configure(SslContextBuilder.forServer(keys))
                        .trustManager(trust)
                        .clientAuth(ClientAuth.REQUIRE)
                        .build();
            } catch (SSLException e) {
                throw new ConfigException("cannot build the TLS server context: " + e.getMessage(), e);
            }
        }
        return serverContext;
    }

    /** Client side, for node-to-node calls (checkpoints, hand-offs to the leader). */
    public synchronized SslContext clientContext() {
        if (clientContext == null) {
            try {
                clientContext = GrpcSslContexts.forClient().keyManager(keys).trustManager(trust).build();
            } catch (SSLException e) {
                throw new ConfigException("cannot build the TLS client context: " + e.getMessage(), e);
            }
        }
        return clientContext;
    }

    /** Mutual TLS between the Raft peers, with the same rotating key and channel trust. */
    public GrpcTlsConfig ratisConfig() {
        return new GrpcTlsConfig(keys, trust, true);
    }

    /** For logs: never the key. */
    @Override
    public String toString() {
        return "TlsMaterial[" + certificate().getSubjectX500Principal() + ", " + trustedRoots().size() + " roots]";
    }
}
