package io.consortia.platform.gateway;

import io.consortia.platform.identity.Caller;

/** Who may manage an organisation's applications and keys, for the service and the console page alike. */
public final class GatewayPolicy {
    private GatewayPolicy() {}

    /** Registering applications, issuing and revoking keys: the organisation's own admins only. */
    public static boolean canManage(Caller caller, long organizationId) {
        return caller.isAdminOf(organizationId);
    }
}
