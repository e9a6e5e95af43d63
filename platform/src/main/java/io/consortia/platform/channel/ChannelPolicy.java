package io.consortia.platform.channel;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumPolicy;
import io.consortia.platform.identity.Caller;

/**
 * Who may read, create and change a consortium's channels, for the channel services, their
 * controller and the Channels tab alike. Pure functions of the caller and the facts passed in.
 */
public final class ChannelPolicy {
    private ChannelPolicy() {}

    /** The platform admin and auditors read every channel; anyone else only their organisation's. */
    public static boolean canRead(Caller caller, ChannelRecord channel) {
        return caller.seesEverything()
                || (caller.organizationId() != null && channel.organizationIds().contains(caller.organizationId()));
    }

    /** Creating a channel and proposing to add an organisation to one: the consortium leader. */
    public static boolean canCreate(Caller caller, Consortium consortium) {
        return ConsortiumPolicy.canLead(caller, consortium);
    }

    /** Voting on a proposal: an admin of one of the channel's organisations. */
    public static boolean canVote(Caller caller, ChannelRecord channel) {
        return canVote(caller, channel.organizationIds());
    }

    /**
     * Voting on a proposal: an admin of one of the organisations it concerns (a channel's, or
     * the consortium's members for removing a member).
     */
    public static boolean canVote(Caller caller, java.util.List<Long> voterOrganizations) {
        return caller.isOrganizationAdmin() && voterOrganizations.contains(caller.organizationId());
    }

    /**
     * Taking an organisation out of a consortium on its own (no vote): its admins, or a platform
     * admin. Whether it may leave (not the leader, a member) is the service's to check.
     */
    public static boolean canLeave(Caller caller, long organizationId) {
        return caller.isAdminOf(organizationId) || caller.isPlatformAdmin();
    }

    /** Applying an approved proposal again after it failed: the consortium leader. */
    public static boolean canApply(Caller caller, Consortium consortium) {
        return ConsortiumPolicy.canLead(caller, consortium);
    }
}
