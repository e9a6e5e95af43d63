package io.consortia.platform.consortium;

/** One recorded membership change: CREATED, INVITED, JOINED, DECLINED. */
public record MembershipEvent(long id, long organizationId, String organization, String event, String actor,
        long at) {}
