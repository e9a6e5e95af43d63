package io.consortia.platform.alert;

/**
 * One notification of an alert event to one channel.
 *
 * @param deliveryId stable across retries: a receiver de-duplicates on it
 * @param event OPENED or RESOLVED
 * @param status PENDING, DELIVERED or FAILED
 * @param outcome the receiver's answer (HTTP status, SMTP reply) or the error of the last attempt
 */
public record Delivery(long id, String deliveryId, long alertId, long channelId, String channelName, String event,
        String status, int attempts, String outcome, long createdAt, Long finishedAt) {}
