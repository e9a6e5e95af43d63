package io.consortia.platform.channel;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.OrganizationCredentials;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Opens SDK connections to a consortium's nodes over mutual TLS with custodial credentials.
 * Callers close what they open.
 */
@Component
public class NetworkClients {
    private final CustodyService custody;

    NetworkClients(CustodyService custody) {
        this.custody = custody;
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
                .commitTimeout(Duration.ofSeconds(30))
                .requestTimeout(Duration.ofSeconds(10));
        for (NodeRecord node : endpoints) {
            builder.endpoint(node.host(), node.apiPort());
        }
        return builder.connect();
    }

    /** A gateway acting as the organisation's admin identity, for reading ledgers. */
    public Gateway reader(long consortiumId, long organizationId, List<NodeRecord> endpoints) {
        return gateway(consortiumId, organizationId, custody.credentials(consortiumId, organizationId).adminIdentity(),
                endpoints);
    }
}
