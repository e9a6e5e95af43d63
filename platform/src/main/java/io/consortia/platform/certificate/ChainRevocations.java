package io.consortia.platform.certificate;

import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.protocol.v1.RevokedCertificate;
import java.util.List;

/**
 * Puts an organisation's revoked certificates on chain: in the configuration of every channel
 * of the consortium the organisation belongs to, as {@code Organization.revoked}, by a
 * configuration change signed by the member organisations' custodial admin identities as the
 * channel's policy requires, waiting until it commits. Nodes then refuse those certificates as
 * transaction creators (CERTIFICATE_REVOKED) and in TLS handshakes.
 */
public interface ChainRevocations {

    /**
     * Makes {@code revoked} the organisation's complete list on each channel (a channel already
     * listing exactly these is left alone), each channel one recorded step.
     */
    void apply(DeploymentSteps steps, long consortiumId, long organizationId, List<RevokedCertificate> revoked);
}
