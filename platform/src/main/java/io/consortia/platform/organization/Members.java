package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.UserService;
import io.consortia.platform.identity.UserView;
import java.util.List;
import org.springframework.stereotype.Service;

/** An organisation's users, for whoever {@link OrganizationPolicy} lets see them. */
@Service
class Members {
    private final OrganizationService organizations;
    private final UserService users;

    Members(OrganizationService organizations, UserService users) {
        this.organizations = organizations;
        this.users = users;
    }

    /** The users of one organisation: visible to its own users, platform admins and auditors. */
    List<UserView> of(Caller caller, long organizationId) {
        organizations.get(organizationId);
        OrganizationPolicy.requireReadPrivate(caller, organizationId);
        return users.ofOrganization(organizationId);
    }
}
