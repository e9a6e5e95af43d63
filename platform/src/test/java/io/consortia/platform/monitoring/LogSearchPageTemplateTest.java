package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong time range shows the log search again, filled in, with the message next to From and To. */
class LogSearchPageTemplateTest {

    private static String form(Locale locale, String from, String to) {
        Map<String, Object> model = new HashMap<>();
        model.put("consortium", Map.of("id", 1L));
        model.put("nodes", List.of());
        model.put("from", from);
        model.put("to", to);
        model.put("q", "Raft");
        model.put("timeProblem", MonitoringPages.timeProblem(from, to));
        return ConsoleTemplates.render("console/log-search", "form#log-search", locale, model);
    }

    @Test
    void from_after_to_keeps_the_search_and_says_so_in_the_page_language() {
        String chinese = form(Locale.SIMPLIFIED_CHINESE, "2026-12-07T23:00:00", "2026-12-07T01:00:00");
        assertThat(chinese).contains("value=\"Raft\"").contains("value=\"2026-12-07T23:00:00\"")
                .contains("value=\"2026-12-07T01:00:00\"").contains("id=\"log-search-time-problem\"")
                .contains("起始时间须早于截止时间").doesNotContain("must be before");
        String english = form(Locale.ENGLISH, "2026-12-07T23:00:00", "2026-12-07T01:00:00");
        assertThat(english).contains("From must be earlier than To.");
    }

    @Test
    void a_time_that_is_not_one_names_its_field() {
        assertThat(form(Locale.ENGLISH, "notadate", null)).contains("value=\"Raft\"")
                .contains("From is not a date and time").contains("id=\"log-search-from\"");
        assertThat(form(Locale.SIMPLIFIED_CHINESE, null, "2026-13-99")).contains("截止时间不是有效的日期时间");
    }

    @Test
    void a_good_range_or_none_is_no_problem() {
        assertThat(MonitoringPages.timeProblem("2026-12-07T01:00:00", "2026-12-07T23:00:00")).isNull();
        assertThat(MonitoringPages.timeProblem(null, "")).isNull();
        assertThat(MonitoringPages.timeProblem("2026-12-07", "2026-12-07")).isEqualTo("logsearch.fromNotBeforeTo");
        assertThat(form(Locale.ENGLISH, null, null)).doesNotContain("log-search-time-problem");
    }
}
