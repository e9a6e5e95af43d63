package io.consortia.platform.event;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event delivery configuration, prefix {@code consortia.events}.
 *
 * @param delivery whether webhooks are delivered at all (tests that do not need them turn it off)
 * @param pollInterval how often subscriptions look for new blocks (and an SSE stream for new events)
 * @param retryInitial the wait after a first failed delivery; it doubles with each further failure
 * @param retryMax the longest wait between two attempts at one event
 * @param requestTimeout how long a receiver may take to answer a webhook
 * @param workers subscriptions delivered to at the same time (each in order, one event at a time)
 * @param historyKept delivery attempts kept per subscription (older ones are deleted)
 * @param maxStreams server-sent-event streams open at once; more are refused with 503 and Retry-After
 * @param streamMaxDuration an SSE stream is ended after this long; the client resumes with Last-Event-ID
 * @param webhooks where webhooks may go
 */
@ConfigurationProperties("consortia.events")
public record EventProperties(
        @DefaultValue("true") boolean delivery,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration retryInitial,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("4") int workers,
        @DefaultValue("500") int historyKept,
        @DefaultValue("32") int maxStreams,
        @DefaultValue("30m") Duration streamMaxDuration,
        @DefaultValue Webhooks webhooks) {
    public EventProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || retryInitial.isNegative() || retryInitial.isZero()
                || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("consortia.events: need positive poll-interval and "
                    + "0 < retry-initial <= retry-max");
        }
        if (workers < 1 || historyKept < 1 || maxStreams < 0) {
            throw new IllegalArgumentException("consortia.events: workers and history-kept must be at least 1, "
                    + "max-streams not negative");
        }
    }

    /**
     * Prefix {@code consortia.events.webhooks}.
     *
     * @param allowPrivateDestinations whether webhooks may go to loopback and private addresses (127.0.0.0/8,
     *     10/8, 172.16/12, 192.168/16, 100.64/10, ::1, fc00::/7); link-local, unspecified and metadata
     *     addresses are refused either way (see WebhookDestinations)
     */
    public record Webhooks(@DefaultValue("true") boolean allowPrivateDestinations) {}

    /** The wait before attempt {@code failures + 1} at one event: doubling from retryInitial, capped. */
    Duration backoff(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
