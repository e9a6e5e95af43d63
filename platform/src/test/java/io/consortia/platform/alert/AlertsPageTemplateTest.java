package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Alerts tab's resolved alerts say why in the reader's language: the Chinese tab showed
 * "The condition cleared", the sentence the evaluator stores for the REST API and notifications.
 */
class AlertsPageTemplateTest {
    private static String resolvedTable(Locale locale, String resolution) {
        Alert alert = new Alert(1, 7, 2, RuleKind.NODE_DOWN, RuleKind.Severity.CRITICAL, "node c7-alpha-0",
                "Node c7-alpha-0 is down: status CRASHED.", Alert.RESOLVED, 1_000L, null, null, 2_000L, resolution,
                null, List.of());
        return ConsoleTemplates.render("console/alerts", "table#alerts-resolved", locale,
                Map.of("consortium", Map.of("id", 7L), "resolved", List.of(alert)),
                Map.of("alertTexts", new AlertTexts(ConsoleTemplates.messages()), "fmt", new Formats()));
    }

    @Test
    void a_resolved_alert_says_why_in_chinese_and_in_english() {
        assertThat(resolvedTable(Locale.SIMPLIFIED_CHINESE, "The condition cleared"))
                .contains("告警条件已消除").doesNotContain("The condition cleared");
        assertThat(resolvedTable(Locale.SIMPLIFIED_CHINESE, "The rule was disabled"))
                .contains("规则已停用").doesNotContain("The rule was disabled");
        assertThat(resolvedTable(Locale.ENGLISH, "The condition cleared")).contains("The condition cleared");
        assertThat(resolvedTable(Locale.ENGLISH, "The rule was disabled")).contains("The rule was disabled");
    }

    @Test
    void every_reason_the_platform_writes_has_a_chinese_label() {
        AlertTexts texts = new AlertTexts(ConsoleTemplates.messages());
        for (AlertResolution why : AlertResolution.values()) {
            assertThat(texts.resolution(why.english(), Locale.SIMPLIFIED_CHINESE)).as("%s", why)
                    .containsPattern("\\p{IsHan}").doesNotContainPattern("[A-Za-z]{2,}");
            assertThat(texts.resolution(why.english(), Locale.ENGLISH)).isEqualTo(why.english());
        }
    }

    @Test
    void a_reason_the_platform_did_not_write_is_shown_as_written() {
        assertThat(resolvedTable(Locale.SIMPLIFIED_CHINESE, "Resolved by hand")).contains("Resolved by hand");
    }
}
