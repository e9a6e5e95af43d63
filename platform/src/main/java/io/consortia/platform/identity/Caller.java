package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformException;
import java.util.Objects;

/**
 * Who is calling, with the checks every service makes. A user holds either a platform role
 * (admin, auditor) or a role in exactly one organisation.
 */
public record Caller(long userId, String username, PlatformRole platformRole, Long organizationId,
        OrganizationRole organizationRole) {

    public boolean isPlatformAdmin() {
        return platformRole == PlatformRole.ADMIN;
    }

    public boolean isAuditor() {
        return platformRole == PlatformRole.AUDITOR;
    }

    /** Platform admin or auditor: may read everything (except private keys, which no one reads). */
    public boolean seesEverything() {
        return isPlatformAdmin() || isAuditor();
    }

    public boolean belongsTo(long organization) {
        return organizationId != null && organizationId == organization;
    }

    public boolean isAdminOf(long organization) {
        return belongsTo(organization) && organizationRole == OrganizationRole.ADMIN;
    }

    public boolean isOrganizationAdmin() {
        return organizationId != null && organizationRole == OrganizationRole.ADMIN;
    }

    /** The caller's organisation, or 403 for users without one. */
    public long requireOrganization() {
        if (organizationId == null) {
            throw PlatformException.forbidden("This action is for users of an organisation; " + username
                    + " belongs to none");
        }
        return organizationId;
    }

    public void requirePlatformAdmin() {
        if (!isPlatformAdmin()) {
            throw PlatformException.forbidden("Only a platform admin may do this");
        }
    }

    @Override
    public String toString() {
        return "Caller[" + username + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Caller that && userId == that.userId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId);
    }
}
