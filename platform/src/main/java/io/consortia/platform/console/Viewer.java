package io.consortia.platform.console;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;

/**
 * The signed-in user as the layout needs them: which role's view to show. Pages hide actions
 * the role may not take (asking each feature's policy); the API enforces the same rules regardless.
 */
public record Viewer(String username, String role, Long organizationId, String organizationName,
        boolean platformAdmin, boolean auditor, boolean organizationAdmin) {

    static Viewer of(Caller caller, String organizationName) {
        String role;
        if (caller.isPlatformAdmin()) {
            role = "PLATFORM_ADMIN";
        } else if (caller.isAuditor()) {
            role = "AUDITOR";
        } else {
            role = caller.organizationRole() == OrganizationRole.ADMIN ? "ORGANIZATION_ADMIN" : "MEMBER";
        }
        return new Viewer(caller.username(), role, caller.organizationId(), organizationName, caller.isPlatformAdmin(),
                caller.isAuditor(), caller.isOrganizationAdmin());
    }
}
