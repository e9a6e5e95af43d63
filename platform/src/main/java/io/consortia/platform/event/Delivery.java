package io.consortia.platform.event;

/**
 * One attempt to deliver an event by webhook.
 *
 * @param deliveryId the same for every attempt at the same event: receivers de-duplicate by it
 * @param position the event's position (the SSE event id)
 * @param statusCode the receiver's HTTP status, null when it did not answer; the answer's body is not
 *     read, so that a URL pointed at an internal address cannot be used to read what it serves
 * @param error why the attempt failed (the status, connection refused, timeout, a refused destination)
 */
record Delivery(long id, long subscriptionId, String deliveryId, String position, int attempt, Integer statusCode,
        String error, boolean succeeded, long attemptedAt, long durationMillis) {}
