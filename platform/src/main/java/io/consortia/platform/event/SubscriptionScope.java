package io.consortia.platform.event;

import io.consortia.platform.gateway.AccessKey;

/**
 * Whether a subscription lies within an access key's scope: the rule that decides whether the key
 * may make it ({@link SubscriptionService#check}) also decides whether it may list, read or delete
 * it, so a key limited to some channels or contracts cannot reach the feeds another key of the same
 * application made elsewhere.
 */
final class SubscriptionScope {
    private SubscriptionScope() {}

    /**
     * The key covers the subscription's channel and, unless it is a BLOCK subscription (every
     * block, no contract), its contract; a subscription without a contract means every contract
     * ('*'), which only a key for every contract covers.
     */
    static boolean covers(AccessKey key, Subscription subscription) {
        if (!key.allowsChannel(subscription.channel())) {
            return false;
        }
        if (subscription.kind() == EventKind.BLOCK) {
            return true;
        }
        String contract = subscription.contract() == null || subscription.contract().isEmpty() ? "*"
                : subscription.contract();
        return key.allowsContract(contract);
    }
}
