package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The Chinese contract store described every template in English ("Record a document's hash with its
 * metadata..."), as the API gives them: the console reads them from its bundles, whose English texts
 * are the API's own.
 */
class ContractStoreTextsTest {
    private static final List<ContractStore.Template> TEMPLATES = new ContractStore(null, null).templates();

    private static String store(Locale locale) {
        return ConsoleTemplates.render("console/contract-store", "main", locale, Map.of("consortium",
                Map.of("id", 7L, "name", "c", "status", "RUNNING"), "templates", TEMPLATES,
                "channels", List.of(Map.of("name", "main")), "canInstall", true));
    }

    @Test
    void every_template_reads_in_chinese_and_the_english_bundle_says_what_the_api_says() {
        ResourceBundleMessageSource messages = ConsoleTemplates.messages();
        String chinese = store(Locale.SIMPLIFIED_CHINESE);
        for (ContractStore.Template t : TEMPLATES) {
            assertThat(messages.getMessage("store.description." + t.id(), null, Locale.ENGLISH)).as(t.id())
                    .isEqualTo(t.description());
            assertThat(messages.getMessage("store.title." + t.id(), null, Locale.ENGLISH)).as(t.id())
                    .isEqualTo(t.title());
            String description = messages.getMessage("store.description." + t.id(), null, Locale.SIMPLIFIED_CHINESE);
            assertThat(description).as(t.id()).containsPattern("\\p{IsHan}");
            assertThat(chinese).as(t.id()).contains(">" + description + "</p>").doesNotContain(t.description());
        }
        assertThat(chinese).contains("记录文档的哈希及其元数据", ">记录（示例）</h2>")
                .contains("<option value=\"MAJORITY\">多数组织同意</option>").doesNotContain(">MAJORITY<");
        assertThat(store(Locale.ENGLISH)).contains(TEMPLATES.get(0).description().replace("'", "&#39;"));
    }
}
