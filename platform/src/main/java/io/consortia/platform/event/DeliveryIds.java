package io.consortia.platform.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Delivery ids of webhooks, derived rather than stored, so that a retry after a restart carries
 * the same id. (The signature is the SDK's {@link io.consortia.sdk.gateway.WebhookSignature},
 * which receivers verify with, so the two cannot drift apart.)
 */
final class DeliveryIds {
    private DeliveryIds() {}

    /** The same for every attempt at one event of one subscription, and different for anything else. */
    static String of(long subscriptionId, Position position) {
        return UUID.nameUUIDFromBytes(("consortia-webhook:" + subscriptionId + ":" + position.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
