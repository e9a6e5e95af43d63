package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRules;
import io.consortia.platform.system.PlatformException;
import org.springframework.stereotype.Component;

/** Answers user management's question about organisations with {@link OrganizationPolicy}. */
@Component
class MemberRules implements OrganizationRules {
    private final OrganizationService organizations;

    MemberRules(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public void requireCanAddUsers(Caller caller, long organizationId) {
        if (!OrganizationPolicy.canManageMembers(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId + " may do this");
        }
        organizations.get(organizationId);
    }
}
