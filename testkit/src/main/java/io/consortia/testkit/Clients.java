package io.consortia.testkit;

import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import java.security.cert.X509Certificate;
import java.util.List;

/** Connects SDK clients to a node the way applications do: mutual TLS with an organisation's client certificate. */
final class Clients {
    private Clients() {}

    static Gateway gateway(MiniNode node, Organization organization, List<X509Certificate> tlsRoots,
            boolean certificateIds, int submitCallsInFlight) {
        return Gateway.newInstance()
                .endpoint(NodeLayout.HOST, node.apiPort())
                .identity(organization.userIdentity())
                .tls(tlsRoots, organization.clientTls().certificate(), organization.clientTls().privateKey())
                .certificateIds(certificateIds)
                .submitCallsInFlight(submitCallsInFlight)
                .connect();
    }

    /** Admin calls must come from the node's own organisation. */
    static AdminClient admin(MiniNode node, Organization organization, List<X509Certificate> tlsRoots) {
        return AdminClient.newInstance()
                .endpoint(NodeLayout.HOST, node.apiPort())
                .tls(tlsRoots, organization.clientTls().certificate(), organization.clientTls().privateKey())
                .connect();
    }
}
