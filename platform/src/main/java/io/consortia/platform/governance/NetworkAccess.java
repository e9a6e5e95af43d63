package io.consortia.platform.governance;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.OrganizationCredentials;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.GetChannelConfigRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;

/**
 * Connections to a consortium's nodes with custodial credentials, opened for one call and
 * closed after it (configuration changes are rare; pooling would only hold keys longer).
 */
@Component
class NetworkAccess {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private final CustodyService custody;

    NetworkAccess(CustodyService custody) {
        this.custody = custody;
    }

    /** The channel's configuration in force on {@code node}, read over its own organisation's TLS client. */
    ChannelConfigInfo config(NodeRecord node, String channel) {
        OrganizationCredentials credentials = custody.credentials(node.consortiumId(), node.organizationId());
        ManagedChannel connection = open(node, credentials);
        try {
            return LedgerServiceGrpc.newBlockingStub(connection)
                    .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getChannelConfig(GetChannelConfigRequest.newBuilder().setChannel(channel).build());
        } finally {
            connection.shutdownNow();
        }
    }

    /** A gateway to {@code endpoints} signing as {@code organizationId}'s custodial admin. */
    Gateway adminGateway(long consortiumId, long organizationId, List<NodeRecord> endpoints) {
        OrganizationCredentials credentials = custody.credentials(consortiumId, organizationId);
        Gateway.Builder builder = Gateway.newInstance()
                .identity(credentials.adminIdentity())
                .tls(custody.tlsRoots(consortiumId), credentials.clientTls().certificate(),
                        credentials.clientTls().privateKey())
                .certificateIds(false)
                .commitTimeout(Duration.ofSeconds(60))
                .requestTimeout(CALL_TIMEOUT);
        endpoints.forEach(node -> builder.endpoint(node.host(), node.apiPort()));
        return builder.connect();
    }

    AdminClient admin(NodeRecord node) {
        OrganizationCredentials credentials = custody.credentials(node.consortiumId(), node.organizationId());
        return AdminClient.newInstance()
                .endpoint(node.host(), node.apiPort())
                .tls(custody.tlsRoots(node.consortiumId()), credentials.clientTls().certificate(),
                        credentials.clientTls().privateKey())
                .timeout(Duration.ofSeconds(60))
                .connect();
    }

    OrganizationCredentials credentials(long consortiumId, long organizationId) {
        return custody.credentials(consortiumId, organizationId);
    }

    private ManagedChannel open(NodeRecord node, OrganizationCredentials credentials) {
        List<X509Certificate> roots = custody.tlsRoots(node.consortiumId());
        try {
            return NettyChannelBuilder.forAddress(node.host(), node.apiPort())
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(roots.toArray(X509Certificate[]::new))
                            .keyManager(jdkKey(credentials.clientTls().privateKey()),
                                    credentials.clientTls().certificate())
                            .build())
                    .negotiationType(NegotiationType.TLS)
                    .maxInboundMessageSize(16 * 1024 * 1024)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot use the TLS credentials of organisation "
                    + credentials.organization() + ": " + e.getMessage(), e);
        }
    }

    /** TLS keys are ECDSA P-256; the JDK's own key class is accepted by every TLS engine (as in the SDK). */
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
