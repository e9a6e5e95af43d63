package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the API says of a subscription's next delivery attempt. */
class SubscriptionViewTest {

    private static Subscription subscription(String status, String pausedBy, int attempts) {
        return new Subscription(3, 5, 7, "main", EventKind.TX_STATUS, "", List.of(), "http://erp.example/hook", 9,
                status, pausedBy, new Position(4, 0, 0), 1, 12, attempts, 1_765_000_000_000L, "HTTP 503",
                "zhao", 1_764_000_000_000L);
    }

    @Test
    void a_failing_active_subscription_says_when_it_tries_again() {
        SubscriptionView view = SubscriptionView.of(subscription("ACTIVE", null, 2), "AK1");
        assertThat(view.attempts()).isEqualTo(2);
        assertThat(view.nextAttemptAt()).isEqualTo(1_765_000_000_000L);
        assertThat(SubscriptionView.of(subscription("ACTIVE", null, 0), "AK1").nextAttemptAt()).isNull();
    }

    /** A pause keeps the failed attempts (the resume continues their numbering) but schedules nothing. */
    @Test
    void a_paused_subscription_keeps_its_attempts_and_says_no_attempt_is_due() {
        for (String pausedBy : List.of("ADMIN", "PLATFORM")) {
            SubscriptionView view = SubscriptionView.of(subscription("PAUSED", pausedBy, 2), "AK1");
            assertThat(view.attempts()).as(pausedBy).isEqualTo(2);
            assertThat(view.nextAttemptAt()).as(pausedBy + ": nothing is scheduled while paused").isNull();
        }
    }
}
