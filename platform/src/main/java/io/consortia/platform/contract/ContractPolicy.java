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
}
