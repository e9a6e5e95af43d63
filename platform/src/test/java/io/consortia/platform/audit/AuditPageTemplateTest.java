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
        assertThat(anchors(Locale.ENGLISH, "ANCHORED")).contains(">2026-12-06 07:15:03 UTC<")
                .doesNotContain("2026-12-06T07:15:03");
    }

    /** The 组织 column showed the organisation's id ("1"), which nobody reading the trail knows. */
    @Test
    void a_record_names_its_organisation_and_keeps_its_id() {
        List<AuditController.AuditView> records = List.of(
                new AuditController.AuditView(12, Instant.EPOCH, "USER", "li", 1L, "POST /api/v1/x", "id=1",
                        "127.0.0.1", 201, null, "p", "h2"),
                new AuditController.AuditView(11, Instant.EPOCH, "USER", "admin", null, "POST /api/v1/y", "id=2",
                        "127.0.0.1", 201, null, "p", "h1"));
        Map<String, Object> model = new HashMap<>(Map.of("records", records, "organizationNames",
                Map.of(1L, "h2-li-org"), "anchors", List.of(), "seesAll", false));
        String page = ConsoleTemplates.render("console/audit", "table#audit-records", Locale.SIMPLIFIED_CHINESE,
                model, Map.of("fmt", new Formats()));
        assertThat(page).contains(">h2-li-org</td>", "data-organization=\"1\"").doesNotContain(">1</td>");
    }

    /** The page showed who, route and target but not what the change made: the record's details say it. */
    @Test
    void a_record_shows_what_the_change_made() {
        List<AuditController.AuditView> records = List.of(new AuditController.AuditView(12, Instant.EPOCH, "USER", "li",
                1L, "POST /api/v1/organizations/{organizationId}/members", "organizationId=1", "127.0.0.1", 201,
                "auth=bearer user=\"bob\" role=\"MEMBER\" agent=curl", "p", "h2"));
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            String page = ConsoleTemplates.render("console/audit", "table#audit-records", locale,
                    new HashMap<>(Map.of("records", records, "anchors", List.of(), "seesAll", true)),
                    Map.of("fmt", new Formats()));
            assertThat(page).as(locale.toString())
                    .contains("auth=bearer user=&quot;bob&quot; role=&quot;MEMBER&quot; agent=curl")
                    .contains(locale == Locale.ENGLISH ? ">Details<" : ">详情<");
        }
    }
}
