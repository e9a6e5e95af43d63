package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.retry.MultipleLinearRandomRetry;
import org.apache.ratis.retry.RetryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The leader's wait after a failed append must stay below half the minimum election timeout:
 * after a longer wait Ratis sends a heartbeat instead of entries, and a follower that joined from
 * a checkpoint only gets past that with entries (see {@link RaftNode#appenderRetryPolicy}).
 */
class AppenderRetryPolicyTest {

    @ParameterizedTest
    @ValueSource(ints = {150, 300, 1_000, 5_000})
    void every_wait_after_a_failed_append_is_shorter_than_the_heartbeat_interval(int electionTimeoutMinMillis) {
        RetryPolicy policy = MultipleLinearRandomRetry.parseCommaSeparated(
                RaftNode.appenderRetryPolicy(electionTimeoutMinMillis));
        long longest = 0;
        for (int errors : new int[] {1, 10, 11, 60, 61, 1_000, 1_000_000, Integer.MAX_VALUE}) {
            for (int sample = 0; sample < 200; sample++) {
                RetryPolicy.Action action = policy.handleAttemptFailure(() -> errors);
                assertThat(action.shouldRetry()).as("retries after %d errors", errors).isTrue();
                longest = Math.max(longest, action.getSleepTime().toLong(java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        }
        assertThat(longest).isPositive().isLessThan(electionTimeoutMinMillis / 2);
    }
}
