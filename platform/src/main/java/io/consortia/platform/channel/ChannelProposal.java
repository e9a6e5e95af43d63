package io.consortia.platform.channel;

import java.util.List;

/**
 * A proposal to change who is in a channel or in the consortium, decided by the admins of the
 * organisations concerned under {@code policy} (MAJORITY: more than half approve) and then
 * applied on chain as an operation whose steps {@code deploymentId} shows.
 *
 * @param kind ADD_ORGANIZATION or REMOVE_ORGANIZATION (of {@code channel}), REMOVE_MEMBER (of the
 *        consortium: it leaves every channel, its nodes are removed), LEAVE_CONSORTIUM (the same, asked
 *        for by the organisation itself: no vote, policy NONE)
 * @param channel the channel; null for REMOVE_MEMBER and LEAVE_CONSORTIUM
 * @param status PENDING, REJECTED, APPROVED (waiting to be applied), APPLYING, APPLIED, FAILED
 *        ({@code note} says why; the leader may apply it again), or WITHDRAWN (a removal of an
 *        organisation, or a change of its channels, made moot by its leaving on its own or being voted
 *        out meanwhile)
 */
public record ChannelProposal(long id, String kind, long consortiumId, String channel, long organizationId,
        String proposedBy, String policy, String status, String note, long createdAt, Long decidedAt,
        Long deploymentId, List<Vote> votes) {

    public record Vote(long organizationId, boolean approve, String voter, long at) {}

    /** The organisations whose admins approved, in the order they voted: they sign the change. */
    public List<Long> approvers() {
        return votes.stream().filter(Vote::approve).map(Vote::organizationId).toList();
    }
}
