package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.Invitation;
import io.consortia.platform.web.ConsoleTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndedInvitationsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Invitation invitation(long id, String consortium, String status, long createdDaysAgo,
            Long decidedDaysAgo) {
        long created = NOW.toEpochMilli() - createdDaysAgo * DAY;
        return new Invitation(id, id, consortium, 3, status, "lee", created, decidedDaysAgo == null ? null : "lee",
                decidedDaysAgo == null ? null : NOW.toEpochMilli() - decidedDaysAgo * DAY, created + 7 * DAY);
    }

    private static final List<Invitation> MINE = List.of(
            invitation(1, "trade", Invitation.WITHDRAWN, 3, 2L),
            invitation(2, "supply", Invitation.EXPIRED, 10, null), // expired 3 days ago
            invitation(3, "old", Invitation.WITHDRAWN, 40, 35L), // longer ago than 30 days
            invitation(4, "pending", Invitation.PENDING, 1, null),
            invitation(5, "joined", Invitation.ACCEPTED, 5, 4L),
            invitation(6, "refused", Invitation.DECLINED, 5, 4L),
            invitation(7, "stale", Invitation.EXPIRED, 45, null)); // expired 38 days ago

    @Test
    void withdrawn_and_expired_invitations_of_the_last_30_days_are_kept_newest_first_with_when() {
        List<EndedInvitations.Ended> ended = EndedInvitations.recent(MINE, NOW);

        assertThat(ended).extracting(e -> e.invitation().consortiumName()).containsExactly("trade", "supply");
        assertThat(ended.get(0).at()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(ended.get(1).at()).isEqualTo(NOW.minus(Duration.ofDays(3)));
    }

    @Test
    void the_dashboard_says_which_invitation_was_withdrawn_or_expired_and_when_in_english_and_chinese() {
        Map<String, Object> model = Map.of("ended", EndedInvitations.recent(MINE, NOW));
        String english = ConsoleTemplates.render("console/dashboard", "section#ended-invitations", Locale.ENGLISH,
                model);
        assertThat(english).contains("trade").contains("Withdrawn by the consortium leader (lee)")
                .contains("2026-12-04 12:00 UTC").contains("supply").contains("Expired unanswered")
                .contains("2026-12-03 12:00 UTC").doesNotContain("old").doesNotContain("pending");
        String chinese = ConsoleTemplates.render("console/dashboard", "section#ended-invitations",
                Locale.SIMPLIFIED_CHINESE, model);
        assertThat(chinese).contains("已被盟主（lee）撤回").contains("已过期").contains("2026-12-03 12:00 UTC");
    }

    /** Declining was one click with no question, unlike the console's other buttons that cannot be undone. */
    @Test
    void declining_an_invitation_asks_first_in_english_and_chinese() {
        Invitation pending = invitation(4, "trade", Invitation.PENDING, 1, null);
        Map<String, Object> model = new java.util.HashMap<>();
        java.util.Map<String, Object> row = new java.util.HashMap<>(Map.of("invitation", pending));
        row.put("consortium", null);
        model.put("invitations", List.of(row));
        model.put("answerable", java.util.Set.of(4L));
        Map<String, Object> beans = Map.of("fmt", new Formats());
        String english = ConsoleTemplates.render("console/dashboard", "section#pending-invitations", Locale.ENGLISH,
                model, beans);
        assertThat(english).containsPattern("<button[^>]*decline-invitation[^>]*data-confirm=\"Decline the invitation"
                + " to join trade\\? It can no longer be accepted");
        // an invitation lapses unanswered: when, said on the card
        assertThat(english).contains("sent " + new Formats().time(pending.createdAt())
                + " · expires " + new Formats().time(pending.expiresAt()) + " unanswered");
        String chinese = ConsoleTemplates.render("console/dashboard", "section#pending-invitations",
                Locale.SIMPLIFIED_CHINESE, model, beans);
        assertThat(chinese).contains("data-confirm=\"拒绝加入 trade 的邀请？", "未答复将于");
    }
}
