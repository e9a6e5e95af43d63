package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SupervisorNotesTest {
    private static final Instant AT = Instant.parse("2026-12-06T07:15:03.125Z");
    private static final String WHY = SupervisorNotes.notServing(Duration.ofSeconds(45),
            Map.of("main", "No space left on device", "trade", "Raft stopped"));
    /** Every note the platform writes, as it writes it. */
    private static final List<String> WRITTEN = List.of(
            SupervisorNotes.exited(AT, "LOG TAIL"),
            SupervisorNotes.crashLoop(3, "LOG TAIL"),
            SupervisorNotes.restartedAtStart(AT),
            SupervisorNotes.notRestartedAtStart("port 7051 in use"),
            SupervisorNotes.restartedByCluster(AT, 2, List.of("BackOff", "Killing")),
            SupervisorNotes.exitedDuringStart(),
            SupervisorNotes.notServing(Duration.ofSeconds(45), Map.of()),
            WHY,
            SupervisorNotes.notServingRestarted(WHY, AT, "LOG TAIL"),
            SupervisorNotes.notServingStopped(SupervisorNotes.notServing(Duration.ofSeconds(45), Map.of()), 3,
                    "LOG TAIL"));

    private final SupervisorNotes notes = new SupervisorNotes(ConsoleTemplates.messages());

    @Test
    void every_note_the_platform_writes_reads_in_chinese_with_the_node_s_own_words_as_written() {
        for (String note : WRITTEN) {
            String chinese = notes.text(note, Locale.SIMPLIFIED_CHINESE);
            assertThat(chinese).as(note).doesNotContain("restart", "Restart", "Exited", "exited", "Crashed", "health",
                    "channel ", "Log ends", "Did not");
            assertThat(notes.text(note, Locale.ENGLISH)).as("English reads as written").isEqualTo(note);
        }
        assertThat(notes.text(SupervisorNotes.notServingRestarted(WHY, AT, "LOG TAIL"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("45 秒内未以 200 应答健康检查；节点报告 通道 main 未提供服务：No space left on device；"
                        + "通道 trade 未提供服务：Raft stopped；已于 2026-12-06T07:15:03.125Z 重启。日志末尾：\nLOG TAIL");
    }

    @Test
    void a_note_the_platform_did_not_write_stays_as_written() {
        assertThat(notes.text("Stopped by hand", Locale.SIMPLIFIED_CHINESE)).isEqualTo("Stopped by hand");
        assertThat(notes.text("Exited unexpectedly at noon; restarted twice", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("Exited unexpectedly at noon; restarted twice");
        assertThat(notes.text(null, Locale.SIMPLIFIED_CHINESE)).isNull();
    }

    @Test
    void both_languages_have_every_sentence() throws IOException {
        for (String bundle : List.of("i18n/console.properties", "i18n/console_zh_CN.properties")) {
            Properties messages = new Properties();
            try (Reader in = new InputStreamReader(getClass().getClassLoader().getResourceAsStream(bundle),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            assertThat(messages.stringPropertyNames()).as(bundle).containsAll(SupervisorNotes.keys());
        }
    }
}
