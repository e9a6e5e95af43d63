package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewPageTemplateTest {

    private static String channelsTable(Locale locale, String indexStatus) {
        Map<String, Object> channel = Map.of("name", "main", "height", 4L, "transactionCount", 3L,
                "transactionsPerSecondLastMinute", 0.5, "indexStatus", indexStatus);
        Map<String, Object> overview = Map.of("channels", List.of(channel), "organizations", List.of(),
                "nodes", List.of());
        return ConsoleTemplates.render("console/overview", "table", locale,
                Map.of("consortium", Map.of("id", 7L), "overview", overview));
    }

    /** The Chinese overview showed a channel's index as FOLLOWING, BROKEN, NOT_STARTED; the code stays in data-status. */
    @Test
    void a_channel_s_index_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        Map<String, String> chinese = Map.of("FOLLOWING", "同步中", "BROKEN", "已中断", "NOT_STARTED", "未开始");
        Map<String, String> english = Map.of("FOLLOWING", "Following", "BROKEN", "Broken", "NOT_STARTED", "Not started");
        chinese.forEach((code, label) -> {
            assertThat(channelsTable(Locale.SIMPLIFIED_CHINESE, code)).as(code).contains(">" + label + "</span>")
                    .contains("data-status=\"" + code + "\"").doesNotContain(">" + code + "</span>");
            assertThat(channelsTable(Locale.ENGLISH, code)).as(code).contains(">" + english.get(code) + "</span>");
        });
        // a status a later platform writes reads as its code rather than as a missing message
        assertThat(channelsTable(Locale.SIMPLIFIED_CHINESE, "REBUILDING")).contains(">REBUILDING</span>")
                .doesNotContain("??");
    }
}
