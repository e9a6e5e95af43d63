package io.consortia.platform.event;

/**
 * One attempt to deliver an event by webhook.
 *
 * @param deliveryId the same for every attempt at the same event: receivers de-duplicate by it
 * @param position the event's position (the SSE event id)
 * @param statusCode the receiver's HTTP status, null when it did not answer
 * @param responseExcerpt the start of the receiver's answer (at most 500 characters)
 * @param error why the attempt failed without an answer (connection refused, timeout)
 */
record Delivery(long id, long subscriptionId, String deliveryId, String position, int attempt, Integer statusCode,
        String responseExcerpt, String error, boolean succeeded, long attemptedAt, long durationMillis) {}
