package io.consortia.node.contracts.lifecycle;

import io.consortia.crypto.CertificateRole;
import io.consortia.node.contracts.ContractContext;
import java.util.Optional;
import java.util.Set;

/**
 * What the lifecycle contract needs beyond a {@link ContractContext}: the role of the creator's
 * certificate (lifecycle steps are for ADMIN certificates) and the channel's organisations in
 * force (approval policies are counted over them). The node's transaction context provides both.
 */
public interface LifecycleContext extends ContractContext {

    /** The role in the creator's certificate (its OU), if it names one. */
    Optional<CertificateRole> creatorRole();

    /** The member organisations of the configuration in force, sorted. */
    Set<String> channelOrganizations();
}
