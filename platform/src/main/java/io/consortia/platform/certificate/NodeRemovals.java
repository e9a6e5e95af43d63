package io.consortia.platform.certificate;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeRevocations;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Deleting a node revokes its certificates the way an explicit revocation does: REVOKED in
 * custody with who, when and why (history CERTIFICATE_REVOKED), then the organisation's
 * revocation list put on chain, which every node enforces in TLS handshakes and on transactions.
 */
@Component
class NodeRemovals implements NodeRevocations {
    private final CustodyService custody;
    private final ConsortiumService consortia;
    private final CertificateService certificates;

    NodeRemovals(CustodyService custody, ConsortiumService consortia, CertificateService certificates) {
        this.custody = custody;
        this.consortia = consortia;
        this.certificates = certificates;
    }

    @Override
    public String revoke(NodeRecord node, String actor, String reason) {
        List<CustodyService.NodeRevocation> revoked = custody.revokeNode(node.consortiumId(), node.nodeId(), actor,
                reason);
        if (revoked.isEmpty()) {
            return DeploymentTexts.NO_CERTIFICATE.of();
        }
        for (CustodyService.NodeRevocation r : revoked) {
            consortia.record(node.consortiumId(), r.organizationId(), "CERTIFICATE_REVOKED", actor,
                    r.purpose() + " " + r.subject() + ", serial " + r.serial() + ": " + reason);
        }
        String certificates = String.join(DeploymentTexts.LIST_SEPARATOR, revoked.stream()
                .map(r -> (r.wasInUse() ? DeploymentTexts.NODE_CERTIFICATE : DeploymentTexts.NODE_CERTIFICATE_SUPERSEDED)
                        .of(r.purpose(), r.serial()))
                .toList());
        return DeploymentTexts.NODE_CERTIFICATES_REVOKED.of(certificates, reason);
    }

    @Override
    public void publish(DeploymentSteps steps, NodeRecord node) {
        try {
            certificates.publish(steps, node.consortiumId(), node.organizationId());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Node " + node.nodeId() + " is deleted and its certificates are revoked "
                    + "in custody, but the channels do not refuse them yet: " + e.getMessage() + ". Put the "
                    + "revocation on chain with POST /api/v1/consortia/" + node.consortiumId()
                    + "/certificates/revocations/" + node.organizationId() + "/publish", e);
        }
    }
}
