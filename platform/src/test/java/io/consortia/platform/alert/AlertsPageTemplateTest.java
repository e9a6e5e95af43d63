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

    /** The 对象 column read "node c2-h2-third-0", "channel h2zt", "certificate ..." in English words in Chinese too. */
    @Test
    void an_alert_s_target_reads_in_the_reader_s_language_and_keeps_its_stored_form() {
        Map<String, String> chinese = Map.of("node c2-h2-third-0", "节点 c2-h2-third-0", "channel h2zt", "通道 h2zt",
                "certificate 4f2a", "证书 4f2a", "deployment 12", "部署 12",
                "node c2-org1-0 channel main", "节点 c2-org1-0 通道 main");
        chinese.forEach((stored, read) -> {
            Alert alert = new Alert(1, 7, 2, RuleKind.NODE_DOWN, RuleKind.Severity.CRITICAL, stored, "summary",
                    Alert.OPEN, 1_000L, null, null, null, null, null, List.of());
            Map<String, Object> model = Map.of("consortium", Map.of("id", 7L), "active", List.of(alert),
                    "canManage", false);
            Map<String, Object> beans = Map.of("alertTexts", new AlertTexts(ConsoleTemplates.messages()),
                    "fmt", new Formats());
            assertThat(ConsoleTemplates.render("console/alerts", "table#alerts-active", Locale.SIMPLIFIED_CHINESE,
                    model, beans)).as(stored).contains(">" + read + "</td>", "data-target=\"" + stored + "\"");
            assertThat(ConsoleTemplates.render("console/alerts", "table#alerts-active", Locale.ENGLISH, model, beans))
                    .as(stored).contains(">" + stored + "</td>");
        });
        // a target the rules did not write is shown as written
        assertThat(new AlertTexts(ConsoleTemplates.messages()).target("pod x-0 restarted", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("pod x-0 restarted");
    }
}
