package io.consortia.platform.identity;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import java.util.Map;

/** Callers of each role for policy tables: the rows name a role and the organisation it acts in. */
public final class Callers {
    private Callers() {}

    /** The four kinds of user the README's role table names. */
    public enum Role { PLATFORM_ADMIN, AUDITOR, ORGANIZATION_ADMIN, ORGANIZATION_MEMBER }

    /**
     * A caller of the role acting in the organisation that {@code relation} names in
     * {@code organizations} (none for {@code NONE}, as for platform roles).
     */
    public static Caller of(Role role, String relation, Map<String, Long> organizations) {
        if (!"NONE".equals(relation) && !organizations.containsKey(relation)) {
            throw new IllegalArgumentException("No organisation for relation " + relation + " in " + organizations);
        }
        return of(role, organizations.get(relation));
    }

    /** A running consortium (id 7) whose leader is {@code leaderOrganizationId}: what the policies read of it. */
    public static Consortium consortiumLedBy(long leaderOrganizationId) {
        return new Consortium(7, "Alliance", SchemeChoice.SM2, 1, "RAFT", "LOCAL", leaderOrganizationId,
                ConsortiumStatus.RUNNING, 0);
    }

    /** A caller of the role; {@code organizationId} is ignored for platform roles, which belong to none. */
    public static Caller of(Role role, Long organizationId) {
        return switch (role) {
            case PLATFORM_ADMIN -> new Caller(1, "admin", PlatformRole.ADMIN, null, null);
            case AUDITOR -> new Caller(2, "auditor", PlatformRole.AUDITOR, null, null);
            case ORGANIZATION_ADMIN -> new Caller(3, "org-admin", null, organizationId, OrganizationRole.ADMIN);
            case ORGANIZATION_MEMBER -> new Caller(4, "org-member", null, organizationId, OrganizationRole.MEMBER);
        };
    }
}
