package io.consortia.platform.consortium;

/**
 * An invitation of an organisation into a consortium: PENDING, then ACCEPTED or DECLINED by the
 * invited organisation, or WITHDRAWN by the leader.
 */
public record Invitation(long id, long consortiumId, String consortiumName, long organizationId, String status,
        String invitedBy, long createdAt, String decidedBy, Long decidedAt) {
    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";
    public static final String WITHDRAWN = "WITHDRAWN";

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
