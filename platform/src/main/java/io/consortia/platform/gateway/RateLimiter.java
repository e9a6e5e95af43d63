package io.consortia.platform.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per access key: up to {@code perSecond} requests in a burst, refilled at
 * {@code perSecond} a second. In memory: a restart forgives, which a rate limit may.
 */
final class RateLimiter {
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Empty when the request may go ahead, otherwise how long until it may. */
    java.util.Optional<Duration> take(long keyId, int perSecond, long nowNanos) {
        return buckets.computeIfAbsent(keyId, id -> new Bucket(perSecond, nowNanos)).take(perSecond, nowNanos);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int perSecond, long now) {
            this.tokens = perSecond;
            this.updated = now;
        }

        synchronized java.util.Optional<Duration> take(int perSecond, long now) {
            tokens = Math.min(perSecond, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofNanos((long) ((1 - tokens) / perSecond * 1e9)));
        }
    }
}
