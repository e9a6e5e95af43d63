package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.web.ConsoleTemplates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPageTemplateTest {

    private static String anchors(Locale locale, String status) {
        Map<String, Object> anchor = new HashMap<>(Map.of("sequence", 12L, "headHash", "h",
                "anchoredAt", Instant.parse("2026-12-06T07:15:03.125Z"),
                "consortiumId", 7L, "channel", "main", "status", status));
        anchor.put("transactionId", "ANCHORED".equals(status) ? "tx1" : null);
        anchor.put("reason", "ANCHORED".equals(status) ? null : "channel main is not served");
        return ConsoleTemplates.render("console/audit", "table#audit-anchors", locale, Map.of("anchors", List.of(anchor)),
                Map.of("fmt", new Formats()));
    }

    /** The Chinese audit trail showed a notarized head's status as ANCHORED or FAILED; the code stays in data-status. */
    @Test
    void an_anchor_s_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        Map<String, String> english = Map.of("ANCHORED", "Anchored", "FAILED", "Failed");
        Map.of("ANCHORED", "已上链", "FAILED", "失败").forEach((code, label) -> {
            assertThat(anchors(Locale.SIMPLIFIED_CHINESE, code)).as(code).contains(">" + label + "<")
                    .contains("data-status=\"" + code + "\"").doesNotContain(">" + code + "<");
            assertThat(anchors(Locale.ENGLISH, code)).as(code).contains(">" + english.get(code) + "<");
        });
    }

    /** The time a head was notarized read as the API writes an instant; the console's other times read as UTC. */
    @Test
    void an_anchor_s_time_reads_as_the_console_s_other_utc_times() {
        assertThat(anchors(Locale.ENGLISH, "ANCHORED")).contains(">2026-12-06 07:15:03<")
                .doesNotContain("2026-12-06T07:15:03");
    }
}
