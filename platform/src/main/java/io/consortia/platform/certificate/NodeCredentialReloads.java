package io.consortia.platform.certificate;

import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.deploy.CredentialReloads;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.sdk.AdminClient;
import org.springframework.stereotype.Component;

/** The node's AdminService.ReloadCredentials, called as an admin of its organisation. */
@Component
class NodeCredentialReloads implements CredentialReloads {
    private final NetworkClients clients;

    NodeCredentialReloads(NetworkClients clients) {
        this.clients = clients;
    }

    @Override
    public String reload(NodeRecord node) {
        try (AdminClient admin = clients.admin(node)) {
            ReloadCredentialsResponse reloaded = admin.reloadCredentials();
            return DeploymentTexts.ROOTS_RELOADED.of(reloaded.getTlsTrustedRoots());
        }
    }
}
