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
     * The key covers the subscription's channel and its contract; a subscription without a contract
     * means every contract ('*'), which only a key for every contract covers. So does a BLOCK
     * subscription: its events list every transaction's contract, function and organisation, which a
     * key limited to some contracts does not read elsewhere either (found by a tester).
     */
    static boolean covers(AccessKey key, Subscription subscription) {
        return key.allowsChannel(subscription.channel()) && key.allowsContract(contractOf(subscription.kind(),
                subscription.contract()));
    }

    /** The contract a subscription of {@code kind} filtered by {@code contract} reads: '*' for every one. */
    static String contractOf(EventKind kind, String contract) {
        return kind == EventKind.BLOCK || contract == null || contract.isEmpty() ? "*" : contract;
    }
}
