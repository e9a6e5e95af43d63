package io.consortia.platform.consortium;

/**
 * An invitation of an organisation into a consortium: PENDING, then ACCEPTED or DECLINED by the
 * invited organisation, WITHDRAWN by the leader, or EXPIRED once {@code expiresAt} passed
 * unanswered (EXPIRED is not stored: it is a PENDING row read after its time).
 */
public record Invitation(long id, long consortiumId, String consortiumName, long organizationId, String status,
        String invitedBy, long createdAt, String decidedBy, Long decidedAt, long expiresAt) {
    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String EXPIRED = "EXPIRED";

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
