package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.web.ConsoleTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A time in an alert's summary reads as a time ("2026-12-06 07:15:03 UTC") in both languages:
 * the Alerts tab showed the instant as the server writes it, "2026-12-06T07:15:03.125Z".
 */
class AlertSummaryTimesTest {
    private final AlertTexts texts = new AlertTexts(ConsoleTemplates.messages());

    @Test
    void an_instant_in_a_summary_reads_as_a_utc_time_in_both_languages() {
        NodeRecord node = new NodeRecord(4, "c1-org1-4", 1, 1, "127.0.0.1", 21000, 21001, 21002, "/tmp/n4", "RUNNING",
                NodeStatus.CRASHED, 100L, 0, null, 0, 0, null, Instant.parse("2026-12-06T07:15:03.125Z").toEpochMilli());
        RuleConditions.Finding down = RuleConditions.down("node c1-org1-4", node);
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            assertThat(texts.render(down.key(), down.args(), down.summary(), locale)).as("%s", locale)
                    .contains("2026-12-06 07:15:03 UTC").doesNotContain("T07:15");
            // an alert opened before summaries had keys shows its stored English summary, its time readable too
            assertThat(texts.render(null, List.of(), down.summary(), locale)).as("%s", locale)
                    .contains("since 2026-12-06 07:15:03 UTC:").doesNotContain("T07:15");
        }
        // the REST API, webhooks and e-mail keep the instant as it was
        assertThat(down.summary()).contains("2026-12-06T07:15:03.125Z");
    }
}
