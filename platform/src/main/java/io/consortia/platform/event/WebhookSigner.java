package io.consortia.platform.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Delivery ids of webhooks. The signature itself is the SDK's
 * {@link io.consortia.sdk.gateway.WebhookSignature}, which receivers use to verify, so the two
 * cannot drift apart.
 */
final class WebhookSigner {
    private WebhookSigner() {}

    /** The same for every attempt at one event of one subscription, and different for anything else. */
    static String deliveryId(long subscriptionId, Position position) {
        return UUID.nameUUIDFromBytes(("consortia-webhook:" + subscriptionId + ":" + position.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
