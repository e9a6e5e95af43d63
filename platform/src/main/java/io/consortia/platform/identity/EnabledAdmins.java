package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformException;

/**
 * An organisation keeps an admin who can act for it: demoting, removing or disabling its last
 * enabled admin is refused, since a disabled admin cannot sign in to enable anyone again (only a
 * platform admin could). Counted under the organisation's lock ({@link OrganizationLock}), so two
 * such changes at once cannot both see another admin.
 */
final class EnabledAdmins {
    private EnabledAdmins() {}

    /** 409 when {@code user} is the organisation's only enabled admin; nothing otherwise. */
    static void requireAnother(UserRepository users, UserAccount user) {
        if (!user.isEnabledAdmin() || users.adminsOf(user.organizationId(), true) > 1) {
            return;
        }
        if (users.adminsOf(user.organizationId(), false) == 0) {
            throw PlatformException.conflict(user.username() + " is the organisation's only admin; make another user "
                    + "admin first");
        }
        throw PlatformException.conflict(user.username() + " is the organisation's only admin who is enabled; make "
                + "another user admin, or enable a disabled admin, first");
    }
}
