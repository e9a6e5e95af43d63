package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A paused subscription keeps its failed attempts (an admin's pause and the platform's alike), and the
 * Events and webhooks page said "Retrying (failed 2 times)" of it, though nothing is tried until it is
 * resumed: a paused one reads Paused, with its last error below.
 */
class SubscriptionsPageTemplateTest {
    private static String section(Locale locale, String status, String pausedBy, int attempts) {
        SubscriptionView view = new SubscriptionView(3, 5, "main", "TX_STATUS", "", List.of(), "http://erp.example/hook",
                status, pausedBy, "7-0-0", 7, 7, 0, attempts, 3_000L, "Event 7-0-0, attempt 2: The receiver answered 503",
                "AK1", "alice", 0);
        return ConsoleTemplates.render("console/subscriptions", "section.subscription", locale, Map.of(
                "rows", List.of(new SubscriptionPages.Row(view, List.of())), "organizationId", 1L,
                "app", Map.of("id", 5L, "name", "erp"), "canManage", true));
    }

    @Test
    void a_paused_subscription_with_failed_attempts_reads_paused_in_both_languages() {
        for (String pausedBy : List.of(SubscriptionRepository.PAUSED_BY_ADMIN, SubscriptionRepository.PAUSED_BY_PLATFORM)) {
            assertThat(section(Locale.ENGLISH, "PAUSED", pausedBy, 2)).as(pausedBy).contains(">Paused<")
                    .doesNotContain("Retrying");
            assertThat(section(Locale.SIMPLIFIED_CHINESE, "PAUSED", pausedBy, 2)).as(pausedBy).contains(">已暂停<")
                    .doesNotContain("重试中");
        }
    }

    @Test
    void an_active_one_with_failed_attempts_reads_retrying() {
        assertThat(section(Locale.ENGLISH, "ACTIVE", null, 2)).contains("Retrying (failed 2 times)");
        assertThat(section(Locale.SIMPLIFIED_CHINESE, "ACTIVE", null, 2)).contains("重试中（已失败 2 次）");
    }
}
