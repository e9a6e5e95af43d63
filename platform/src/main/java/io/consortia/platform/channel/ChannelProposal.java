package io.consortia.platform.channel;

import java.util.List;

/**
 * A proposal to add an organisation to an existing channel, decided by the channel's
 * organisations under {@code policy} (MAJORITY: more than half approve).
 *
 * @param status PENDING, REJECTED, or APPROVED_NOT_APPLIED: approved and recorded, but running
 *        nodes cannot change a channel's membership yet (see {@code note})
 */
public record ChannelProposal(long id, String channel, long organizationId, String proposedBy, String policy,
        String status, String note, long createdAt, Long decidedAt, List<Vote> votes) {

    public record Vote(long organizationId, boolean approve, String voter, long at) {}
}
