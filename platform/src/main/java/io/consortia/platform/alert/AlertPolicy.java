package io.consortia.platform.alert;

import io.consortia.platform.identity.Caller;
import java.util.Collection;

/** Who may do what with a consortium's alerts, for the service and the console page alike. */
public final class AlertPolicy {
    private AlertPolicy() {}

    /**
     * Rules, notification channels and acknowledging alerts: the admins of the consortium's member
     * organisations (the leader's among them). Everyone who sees the consortium sees its alerts.
     */
    public static boolean canManage(Caller caller, Collection<Long> memberOrganizationIds) {
        return caller.isOrganizationAdmin() && memberOrganizationIds.contains(caller.organizationId());
    }
}
