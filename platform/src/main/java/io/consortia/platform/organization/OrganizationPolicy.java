package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;

/**
 * Who may create organisations and see or manage one's people and keys, for the organisation
 * and custody services, their controllers and the Organisations pages alike. Pure functions of
 * the caller and the organisation's id.
 */
public final class OrganizationPolicy {
    private OrganizationPolicy() {}

    /** Organisations are created by the platform admin. */
    public static boolean canCreate(Caller caller) {
        return caller.isPlatformAdmin();
    }

    /** Every organisation's private data and the platform's own users: the platform admin and auditors. */
    public static boolean canReadEvery(Caller caller) {
        return caller.seesEverything();
    }

    /** Members and keys in custody (metadata): the organisation's own users, the platform admin, auditors. */
    public static boolean canReadPrivate(Caller caller, long organizationId) {
        return canReadEvery(caller) || caller.belongsTo(organizationId);
    }

    /** {@link #canReadPrivate}, or 403 saying why. */
    public static void requireReadPrivate(Caller caller, long organizationId) {
        if (!canReadPrivate(caller, organizationId)) {
            throw PlatformException.forbidden("Organisation " + organizationId + "'s private data is visible only to "
                    + "its own users");
        }
    }

    /** Adding users to the organisation: its admins and the platform admin. */
    public static boolean canManageMembers(Caller caller, long organizationId) {
        return caller.isPlatformAdmin() || caller.isAdminOf(organizationId);
    }

    /** The encrypted export of the organisation's private keys: its own admins only, never the platform admin. */
    public static boolean canExportKeys(Caller caller, long organizationId) {
        return caller.isAdminOf(organizationId);
    }
}
