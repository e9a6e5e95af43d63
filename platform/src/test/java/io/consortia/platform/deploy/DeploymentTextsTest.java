package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeploymentTextsTest {
    private final DeploymentTexts texts = new DeploymentTexts(ConsoleTemplates.messages());

    /** Each sentence with arguments named after their place; no other sentence takes it for its own. */
    @Test
    void every_sentence_the_platform_writes_reads_in_chinese_and_in_english_as_written() {
        for (DeploymentTexts.Text text : DeploymentTexts.texts()) {
            String written = text.of(IntStream.range(0, text.arity()).mapToObj(i -> "arg-" + i).toArray());
            String chinese = texts.text(written, Locale.SIMPLIFIED_CHINESE);
            assertThat(chinese).as(text.key()).isNotEqualTo(written);
            IntStream.range(0, text.arity()).forEach(i -> assertThat(chinese).as(text.key()).contains("arg-" + i));
            assertThat(texts.text(written, Locale.ENGLISH)).as(text.key() + " in English").isEqualTo(written);
        }
        assertThat(texts.text(DeploymentTexts.PODS_READY.of(2, 3), Locale.SIMPLIFIED_CHINESE)).isEqualTo("Pod 就绪 2/3");
        assertThat(texts.text(DeploymentRepository.INTERRUPTED, Locale.SIMPLIFIED_CHINESE)).isEqualTo("被平台重启中断");
        assertThat(texts.text(DeploymentTexts.AWAIT_NAMESPACE_REMOVED.of("consortia-c7"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("等待命名空间 consortia-c7 被删除");
    }

    /** A node's log, a library's error and a step a feature names itself stay as written. */
    @Test
    void a_sentence_the_platform_did_not_write_stays_as_written() {
        for (String written : List.of("Hold the consortium", "Remove organisation 3 from the channel main",
                "Start node c1-org1-0 twice", "Renew TLS of c1-org1-0", "Connection refused")) {
            assertThat(texts.text(written, Locale.SIMPLIFIED_CHINESE)).isEqualTo(written);
        }
        assertThat(texts.text(null, Locale.SIMPLIFIED_CHINESE)).isNull();
        // the node's own words after the platform's sentence stay as written
        assertThat(texts.text(DeploymentTexts.EXITED_DURING_START.of("c1-org1-0", "Error: port 7051 in use\nbye"),
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("节点 c1-org1-0 在启动期间退出；其日志为：\nError: port 7051 in use\nbye");
    }

    @Test
    void both_languages_have_every_sentence() throws IOException {
        List<String> keys = DeploymentTexts.texts().stream().map(DeploymentTexts.Text::key).toList();
        for (String bundle : List.of("i18n/console.properties", "i18n/console_zh_CN.properties")) {
            Properties messages = new Properties();
            try (Reader in = new InputStreamReader(getClass().getClassLoader().getResourceAsStream(bundle),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            assertThat(messages.stringPropertyNames()).as(bundle).containsAll(keys);
        }
    }
}
