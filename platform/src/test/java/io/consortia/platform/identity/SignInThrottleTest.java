package io.consortia.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.MutableClock;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throttle on a clock the test moves: no waiting. */
class SignInThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(PlatformProperties.SignIn.defaults(), clock);

    @Test
    void five_failures_are_free_then_each_failure_doubles_the_wait_up_to_five_minutes() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
        Duration expected = Duration.ofSeconds(1);
        for (int i = 0; i < 12; i++) {
            clock.advance(throttle.waitBefore("alice", "10.0.0.1").orElseThrow());
            assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
            throttle.failed("alice", "10.0.0.1");
            expected = min(expected.multipliedBy(2), Duration.ofMinutes(5));
            assertThat(throttle.waitBefore("alice", "10.0.0.1")).contains(expected);
        }
        assertThat(expected).isEqualTo(Duration.ofMinutes(5));
    }

    /** An admin enabling the account clears its waits from every address, not another account's nor the address's. */
    @Test
    void forgetting_an_account_clears_its_own_counters_only() {
        for (int i = 0; i < 25; i++) {
            throttle.failed("alice", "10.6.6.6");
            throttle.failed("alice2", "10.0.0.2");
        }
        throttle.forgetAccount("Alice", 1);
        assertThat(throttle.waitBefore("alice", "192.168.1.7")).isEmpty();
        assertThat(throttle.waitBefore("alice2", "192.168.1.7")).as("another account").isPresent();
        assertThat(throttle.waitBefore("bob", "10.6.6.6")).as("the address keeps its own count").isPresent();
    }

    @Test
    void a_user_at_another_address_is_not_held_off_by_a_few_failures_elsewhere() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("alice", "10.6.6.6");
        }
        assertThat(throttle.waitBefore("alice", "10.6.6.6")).isPresent();
        assertThat(throttle.waitBefore("alice", "192.168.1.7")).isEmpty();
        assertThat(throttle.waitBefore("bob", "10.6.6.6")).isEmpty();
    }

    @Test
    void one_address_trying_many_accounts_is_held_off_after_twenty_failures() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.waitBefore("user" + i, "10.6.6.6")).isEmpty();
            throttle.failed("user" + i, "10.6.6.6");
        }
        assertThat(throttle.waitBefore("user20", "10.6.6.6")).isEmpty();
        throttle.failed("user20", "10.6.6.6");
        assertThat(throttle.waitBefore("someone-else", "10.6.6.6")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void many_addresses_trying_one_account_hold_it_off_for_minutes_at_most() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("alice", "10.1.0." + i);
        }
        Duration wait = throttle.waitBefore("alice", "192.168.1.7").orElseThrow();
        assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(5));
        clock.advance(wait);
        assertThat(throttle.waitBefore("alice", "192.168.1.7")).isEmpty();
    }

    @Test
    void a_success_or_quiet_time_resets_the_count() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();

        for (int i = 0; i < 6; i++) {
            throttle.failed("bob", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.waitBefore("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void wrong_current_passwords_of_a_password_change_are_throttled_per_user_like_sign_ins() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitBeforePasswordChange(7)).isEmpty();
            throttle.passwordChangeFailed(7);
        }
        assertThat(throttle.waitBeforePasswordChange(7)).isEmpty();
        throttle.passwordChangeFailed(7);
        assertThat(throttle.waitBeforePasswordChange(7)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.passwordChangeFailed(7);
        assertThat(throttle.waitBeforePasswordChange(7)).contains(Duration.ofSeconds(2));
        assertThat(throttle.waitBeforePasswordChange(8)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        throttle.passwordChangeSucceeded(7);
        throttle.passwordChangeFailed(7);
        assertThat(throttle.waitBeforePasswordChange(7)).isEmpty();
    }

    @Test
    void a_sign_in_does_not_reset_the_password_change_count() {
        for (int i = 0; i < 6; i++) {
            throttle.passwordChangeFailed(7);
        }
        // whoever guesses with a stolen token is not the user who signs in meanwhile
        throttle.succeeded("alice", "10.0.0.1");
        assertThat(throttle.waitBeforePasswordChange(7)).isPresent();
    }

    @Test
    void the_number_of_counters_is_bounded() {
        SignInThrottle small = new SignInThrottle(new PlatformProperties.SignIn(5, 20, 20, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15), 30), clock);
        for (int i = 0; i < 1000; i++) {
            small.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        for (int i = 0; i < 20; i++) {
            small.failed("last", "10.9.9.9");
        }
        assertThat(small.waitBefore("last", "10.9.9.9")).isPresent(); // the newest counters are the ones kept
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
