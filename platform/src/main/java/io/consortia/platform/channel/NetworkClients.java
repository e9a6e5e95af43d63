package io.consortia.platform.channel;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.OrganizationCredentials;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformProperties;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opens SDK connections to a consortium's nodes over mutual TLS with custodial credentials.
 * Callers close what they open; leases share pooled gateways between calls.
 */
@Component
public class NetworkClients implements DisposableBean {
    /** How long a call waits for a node's answer (the SDK's request timeout). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a submission waits for its transaction's block (the SDK's commit timeout). */
    public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private final CustodyService custody;
    private final GatewayPool pool;

    NetworkClients(CustodyService custody, PlatformProperties properties, MeterRegistry meters) {
        this.custody = custody;
        this.pool = new GatewayPool(properties.gateways().max(), properties.gateways().idleTimeout(),
                Clock.systemUTC(), meters);
    }

    /** Admin calls on one node, as its own organisation (the node refuses other organisations). */
    public AdminClient admin(NodeRecord node) {
        OrganizationCredentials credentials = custody.credentials(node.consortiumId(), node.organizationId());
        return AdminClient.newInstance()
                .endpoint(node.host(), node.apiPort())
                .tls(custody.tlsRoots(node.consortiumId()), credentials.clientTls().certificate(),
                        credentials.clientTls().privateKey())
                .timeout(Duration.ofSeconds(30))
                .connect();
    }

    /**
     * A gateway to the given nodes (tried in order) signing as {@code identity}, presenting the
     * TLS client certificate of {@code organizationId}.
     */
    public Gateway gateway(long consortiumId, long organizationId, Identity identity, List<NodeRecord> endpoints) {
        OrganizationCredentials credentials = custody.credentials(consortiumId, organizationId);
        List<X509Certificate> roots = custody.tlsRoots(consortiumId);
        Gateway.Builder builder = Gateway.newInstance()
                .identity(identity)
                .tls(roots, credentials.clientTls().certificate(), credentials.clientTls().privateKey())
                .commitTimeout(COMMIT_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT);
        for (NodeRecord node : endpoints) {
            builder.endpoint(node.host(), node.apiPort());
        }
        return builder.connect();
    }

    /**
     * A shared gateway like {@link #gateway}, kept open between calls (see {@link GatewayPool});
     * close the lease, not the gateway.
     */
    public GatewayPool.Lease lease(long consortiumId, long organizationId, Identity identity,
            List<NodeRecord> endpoints) {
        return pool.lease(consortiumId, organizationId, identity, endpoints,
                () -> gateway(consortiumId, organizationId, identity, endpoints));
    }

    /** A gateway acting as the organisation's admin identity, for reading ledgers. */
    public Gateway reader(long consortiumId, long organizationId, List<NodeRecord> endpoints) {
        return gateway(consortiumId, organizationId, custody.credentials(consortiumId, organizationId).adminIdentity(),
                endpoints);
    }

    /** A shared reader, like {@link #reader}, kept open between calls. */
    public GatewayPool.Lease readerLease(long consortiumId, long organizationId, List<NodeRecord> endpoints) {
        return lease(consortiumId, organizationId, custody.credentials(consortiumId, organizationId).adminIdentity(),
                endpoints);
    }

    @Scheduled(fixedDelay = 30_000)
    void evictIdleGateways() {
        pool.evictIdle();
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
