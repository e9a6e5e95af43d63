package io.consortia.platform.contract;

import io.consortia.platform.channel.ChannelPolicy;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.identity.Caller;

/**
 * Who may call a channel's contracts, for the contract service, its controller and the
 * Contracts tab alike. Pure functions of the caller and the channel.
 */
public final class ContractPolicy {
    private ContractPolicy() {}

    /**
     * Submitting a transaction: a user of one of the channel's organisations, since it is signed
     * with their custodial identity. The platform admin and auditors hold no organisation's keys.
     */
    public static boolean canSubmit(Caller caller, ChannelRecord channel) {
        return caller.organizationId() != null && channel.organizationIds().contains(caller.organizationId());
    }

    /**
     * Reading contract state (an asset and its history, a token, balances, a notarization and its
     * proof): whoever may read the channel, so also the platform admin and auditors, who read
     * everything by the role table and change nothing.
     */
    public static boolean canRead(Caller caller, ChannelRecord channel) {
        return ChannelPolicy.canRead(caller, channel);
    }

    /**
     * Reviewing a repository version: an admin of a member organisation (accountable for what its
     * admins will approve) or an auditor (whose review is their only write).
     */
    public static boolean canReview(Caller caller, boolean callerOrganizationIsMember) {
        return (caller.isOrganizationAdmin() && callerOrganizationIsMember) || caller.isAuditor();
    }

    /**
     * A lifecycle step on a channel (install, propose, approve, commit): an admin of one of the
     * channel's organisations, since the step is signed with that organisation's ADMIN identity.
     */
    public static boolean canManageLifecycle(Caller caller, ChannelRecord channel) {
        return caller.isOrganizationAdmin() && canSubmit(caller, channel);
    }

    /** Installing from the store: an organisation admin (the channel is checked by the lifecycle step). */
    public static boolean canInstall(Caller caller) {
        return caller.isOrganizationAdmin();
    }
}
