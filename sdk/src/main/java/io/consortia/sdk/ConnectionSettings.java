package io.consortia.sdk;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Where and how to connect: the part shared by {@link Gateway.Builder} and
 * {@link AdminClient.Builder}. Requires an explicit choice between mutual TLS and plaintext,
 * because silently falling back to plaintext would send identities in the clear.
 */
final class ConnectionSettings {
    /** Blocks can be large (a batch of up to 4 MiB plus results); leave generous room. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private record HostPort(String host, int port) {}

    private final List<HostPort> endpoints = new ArrayList<>();
    private final List<io.grpc.Channel> connections = new ArrayList<>();
    private SslContext sslContext;
    private boolean plaintext;

    void endpoint(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535 but was " + port);
        }
        endpoints.add(new HostPort(host, port));
    }

    void connection(io.grpc.Channel channel) {
        connections.add(Objects.requireNonNull(channel, "channel"));
    }

    void tls(List<X509Certificate> trustedRoots, X509Certificate clientCertificate, PrivateKey clientKey) {
        Objects.requireNonNull(trustedRoots, "trustedRoots");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
        if (trustedRoots.isEmpty()) {
            throw new IllegalArgumentException("trustedRoots must not be empty");
        }
        trustedRoots.forEach(root -> Objects.requireNonNull(root, "trustedRoots element"));
        try {
            sslContext = GrpcSslContexts.forClient()
                    .trustManager(trustedRoots.toArray(X509Certificate[]::new))
                    .keyManager(jdkKey(clientKey), clientCertificate)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot use the TLS credentials: " + e.getMessage(), e);
        }
        plaintext = false;
    }

    void plaintext() {
        plaintext = true;
        sslContext = null;
    }

    /** Opens channels to the configured endpoints, then adds the caller-owned connections. */
    Endpoints open() {
        if (endpoints.isEmpty() && connections.isEmpty()) {
            throw new IllegalStateException("No endpoint: call endpoint(host, port) or connection(channel)");
        }
        if (!endpoints.isEmpty() && sslContext == null && !plaintext) {
            throw new IllegalStateException("Call tls(...) for mutual TLS, or plaintext() for tests");
        }
        List<io.grpc.Channel> targets = new ArrayList<>();
        List<ManagedChannel> owned = new ArrayList<>();
        for (HostPort endpoint : endpoints) {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                    .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
            if (plaintext) {
                builder.negotiationType(NegotiationType.PLAINTEXT);
            } else {
                builder.sslContext(sslContext).negotiationType(NegotiationType.TLS);
            }
            ManagedChannel channel = builder.build();
            owned.add(channel);
            targets.add(channel);
        }
        targets.addAll(connections);
        return new Endpoints(targets, owned);
    }

    /**
     * TLS is always ECDSA P-256; re-encoding the key through the JDK's EC key factory makes
     * keys from any provider (BouncyCastle included) acceptable to every TLS engine.
     */
    private static PrivateKey jdkKey(PrivateKey key) {
        if (!"EC".equals(key.getAlgorithm()) || key.getEncoded() == null) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (Exception e) {
            return key;
        }
    }
}
