package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** Both languages have every message, and every fixed message key a template uses exists. */
class ConsoleMessagesTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates/console");
    private static final Pattern FIXED_KEY = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.]*)[}(]");

    @Test
    void english_and_chinese_have_the_same_keys_and_no_empty_message() throws IOException {
        Properties english = load("i18n/console.properties");
        Properties chinese = load("i18n/console_zh_CN.properties");
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
        assertThat(chinese.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
        assertThat(chinese.getProperty("nav.dashboard")).isNotEqualTo(english.getProperty("nav.dashboard"));
    }

    /**
     * The Chinese console says 节点 for a node; a few progress texts said "peer" ("每个 peer 都已知道通道的领导者",
     * "2 个组织，2 个 peer"), and the key export's label lacked its noun ("该包含有全部私钥").
     */
    @Test
    void chinese_messages_call_a_node_a_node_and_read_whole() throws IOException {
        Properties chinese = load("i18n/console_zh_CN.properties");
        chinese.forEach((key, text) -> assertThat((String) text).as((String) key).doesNotContainIgnoringCase("peer"));
        assertThat(chinese.getProperty("organization.currentPassword")).contains("该加密包包含全部私钥");
    }

    @Test
    void every_message_key_written_in_a_template_exists() throws IOException {
        Properties english = load("i18n/console.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = FIXED_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(used).allSatisfy(key -> assertThat(english.stringPropertyNames()).as("message %s", key).contains(key));
    }

    /** The Members tab labels each history event by its kind: every kind the platform records has a label. */
    @Test
    void every_membership_event_the_platform_records_has_a_label() throws IOException {
        Properties english = load("i18n/console.properties");
        Pattern recorded = Pattern.compile("\\.record\\([^;]*?\"([A-Z][A-Z_]+)\"", Pattern.DOTALL);
        Set<String> events = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = recorded.matcher(Files.readString(file));
                while (m.find()) {
                    events.add(m.group(1));
                }
            }
        }
        assertThat(events).contains("INVITED", "CERTIFICATE_REVOKED");
        assertThat(events).allSatisfy(e -> assertThat(english.stringPropertyNames()).as("label of %s", e)
                .contains("event." + e));
    }

    /**
     * In {@code #{'role.' + (${...} ? 'A' : 'B')}} Thymeleaf takes the parenthesis for the message's
     * parameters, so the key is {@code 'role.' + } and the page shows "??'role.' + _en??". A
     * computed key goes inside {@code ${...}}, or each branch names its key: {@code ${...} ? #{a} : #{b}}.
     */
    @Test
    void no_message_key_is_followed_by_a_parenthesis_meant_as_part_of_it() throws IOException {
        Pattern broken = Pattern.compile("#\\{'[^']*'\\s*\\+\\s*\\(");
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = broken.matcher(Files.readString(file));
                assertThat(m.find() ? m.group() : null).as(file.getFileName().toString()).isNull();
            }
        }
    }

    /**
     * A node's last error is its process's own words and stays as written, but the Chinese Nodes
     * tab showed it after a bare "2026-12-06 04:56:43 UTC: ", nothing saying what it was: the text
     * around it is a message in both languages. Renders the element of nodes.html as the page does.
     */
    @Test
    void a_node_s_own_error_is_shown_under_a_translated_label() throws IOException {
        Matcher element = Pattern.compile("<div class=\"muted last-error\"[^>]*>err</div>").matcher(
                Files.readString(TEMPLATES.resolve("nodes.html")));
        assertThat(element.find()).isTrue();
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.setTemplateEngineMessageSource(ConsoleTemplates.messages());
        // a start error in the node's own words (the supervisor's sentences are translated: SupervisorNotesTest)
        String error = "listen tcp 127.0.0.1:7051: address already in use";
        GenericApplicationContext beans = new GenericApplicationContext();
        beans.getBeanFactory().registerSingleton("fmt", new Formats());
        beans.getBeanFactory().registerSingleton("supervisorNotes",
                new io.consortia.platform.deploy.SupervisorNotes(ConsoleTemplates.messages()));
        beans.refresh();
        BiFunction<Instant, Locale, String> render = (at, locale) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("lastError", error);
            row.put("lastErrorAt", at);
            Context context = new Context(locale, Map.of("r", row));
            context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContext(beans, null));
            return engine.process(element.group(), context);
        };
        Instant at = Instant.parse("2026-12-06T04:56:43Z");
        assertThat(render.apply(at, Locale.SIMPLIFIED_CHINESE))
                .contains(">最近错误（2026-12-06 04:56:43 UTC）：" + error + "</div>");
        assertThat(render.apply(null, Locale.SIMPLIFIED_CHINESE)).contains(">最近错误：" + error + "</div>");
        assertThat(render.apply(at, Locale.ENGLISH))
                .contains(">Last error at 2026-12-06 04:56:43 UTC: " + error + "</div>");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
