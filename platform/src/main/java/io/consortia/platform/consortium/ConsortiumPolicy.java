package io.consortia.platform.consortium;

import io.consortia.platform.identity.Caller;
import java.util.Collection;

/**
 * Who may do what with a consortium. The service enforces it, the REST controllers reach it
 * through the service, and the console pages ask it which actions to offer, so page and API
 * cannot drift apart. Pure functions of the caller and the facts passed in: no lookups.
 */
public final class ConsortiumPolicy {
    private ConsortiumPolicy() {}

    /** An organisation admin creates a consortium; their organisation leads it. */
    public static boolean canCreate(Caller caller) {
        return caller.isOrganizationAdmin();
    }

    /** The platform admin and auditors see every consortium; users only their organisation's. */
    public static boolean canRead(Caller caller, Collection<Long> memberOrganizationIds) {
        return caller.seesEverything()
                || (caller.organizationId() != null && memberOrganizationIds.contains(caller.organizationId()));
    }

    /** The leader: an admin of the organisation that created the consortium (invites, runs the network, channels). */
    public static boolean canLead(Caller caller, Consortium consortium) {
        return caller.isAdminOf(consortium.leaderOrganizationId());
    }

    /** A pending invitation is withdrawn by the leader, or by a platform admin (an invitation sent by mistake). */
    public static boolean canWithdraw(Caller caller, Consortium consortium) {
        return canLead(caller, consortium) || caller.isPlatformAdmin();
    }

    /**
     * Whether to offer the caller leaving the consortium: an admin of a member organisation that does not
     * lead it (the leave itself is checked again, channel by channel, when it is asked for).
     */
    public static boolean canLeave(Caller caller, Consortium consortium, Collection<Long> memberOrganizationIds) {
        return caller.isOrganizationAdmin() && caller.organizationId() != consortium.leaderOrganizationId()
                && memberOrganizationIds.contains(caller.organizationId());
    }

    /** An invitation is answered by the invited organisation's admins. */
    public static boolean canAnswer(Caller caller, Invitation invitation) {
        return caller.isAdminOf(invitation.organizationId());
    }
}
