package io.consortia.platform.event;

import java.util.List;

/**
 * A subscription as the API shows it.
 *
 * @param cursor the position of the next event to deliver, as {@code block-transaction-event}
 * @param signingAccessKeyId the access key whose secret signs the webhooks
 * @param pausedBy while PAUSED: PLATFORM (the organisation left the channel or consortium; delivery resumes by
 *     itself once it is a member again) or ADMIN (until an admin resumes it); null while ACTIVE
 */
record SubscriptionView(long id, long applicationId, String channel, String kind, String contract,
        List<String> eventNames, String url, String status, String pausedBy, String cursor, long cursorBlock, long fromBlock,
        long delivered, int attempts, Long nextAttemptAt, String lastError, String signingAccessKeyId,
        String createdBy, long createdAt) {

    static SubscriptionView of(Subscription s, String signingAccessKeyId) {
        return new SubscriptionView(s.id(), s.applicationId(), s.channel(), s.kind().name(), s.contract(),
                s.eventNames(), s.url(), s.status(), s.pausedBy(), s.cursor().id(), s.cursor().block(), s.fromBlock(), s.delivered(),
                // a pause keeps the failed attempts, but nothing is due until a resume (which tries at once)
                s.attempts(), s.attempts() == 0 || "PAUSED".equals(s.status()) ? null : s.nextAttemptAt(),
                s.lastError(), signingAccessKeyId,
                s.createdBy(), s.createdAt());
    }
}
