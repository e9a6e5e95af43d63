package io.consortia.platform.consortium;

/** An invitation of an organisation into a consortium: PENDING, then ACCEPTED or DECLINED. */
public record Invitation(long id, long consortiumId, String consortiumName, long organizationId, String status,
        String invitedBy, long createdAt, String decidedBy, Long decidedAt) {}
