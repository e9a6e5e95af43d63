package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A tester's EN | 中文 switch dropped the page's query: the selected channel, an explorer or log search. */
class LanguageLinksTest {

    @Test
    void the_other_language_keeps_the_page_s_query_and_replaces_only_lang() {
        assertThat(ConsoleAdvice.languageLink("/console/consortia/1/search", "q=42&lang=en", "zh-CN"))
                .isEqualTo("/console/consortia/1/search?q=42&lang=zh-CN");
        assertThat(ConsoleAdvice.languageLink("/console/consortia/1/logs", "text=%E9%94%99%E8%AF%AF&from=2026-12-07",
                "en")).isEqualTo("/console/consortia/1/logs?text=%E9%94%99%E8%AF%AF&from=2026-12-07&lang=en");
        assertThat(ConsoleAdvice.languageLink("/console", null, "en")).isEqualTo("/console?lang=en");
        assertThat(ConsoleAdvice.languageLink("/console", "q=%ZZ", "en")).as("an unreadable query is dropped")
                .isEqualTo("/console?lang=en");
    }
}
