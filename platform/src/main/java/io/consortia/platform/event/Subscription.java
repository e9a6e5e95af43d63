package io.consortia.platform.event;

import java.util.List;

/**
 * A webhook subscription of an application.
 *
 * @param cursor the next event to deliver (every event before it was acknowledged with 2xx)
 * @param attempts failed attempts at the event under the cursor
 * @param nextAttemptAt when the next attempt is due (epoch millis)
 * @param signingKeyId the access key (database id) whose secret signs the webhooks
 * @param pausedBy while PAUSED: PLATFORM (its organisation left; resumed by itself when it is back) or ADMIN
 */
record Subscription(long id, long applicationId, long channelId, String channel, EventKind kind, String contract,
        List<String> eventNames, String url, long signingKeyId, String status, String pausedBy, Position cursor,
        long fromBlock,
        long delivered, int attempts, long nextAttemptAt, String lastError, String createdBy, long createdAt) {

    EventFilter filter() {
        return new EventFilter(kind, contract, eventNames);
    }

    boolean active() {
        return "ACTIVE".equals(status);
    }
}
