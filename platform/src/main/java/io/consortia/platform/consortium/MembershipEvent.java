package io.consortia.platform.consortium;

/**
 * One recorded change of a consortium: CREATED, INVITED, JOINED, DECLINED, REMOVED (membership),
 * ADDED_TO_CHANNEL, REMOVED_FROM_CHANNEL (applied on chain), NODE_ADDED, NODE_REMOVED, NODES_DEPLOYED,
 * NODES_NOT_DEPLOYED (its nodes and their channels).
 *
 * @param detail what else people need: the channel, the operation that applied it; may be null
 */
public record MembershipEvent(long id, long organizationId, String organization, String event, String actor,
        long at, String detail) {}
