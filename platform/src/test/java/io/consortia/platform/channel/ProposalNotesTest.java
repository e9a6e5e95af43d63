package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The notes the platform writes on a proposal read in the console's language (the Chinese
 * Proposals tab showed "Approved by 2 of 3 organisations; being applied on chain"); a note the
 * platform did not compose (an error from applying the change) is shown as written.
 */
class ProposalNotesTest {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private final ProposalNotes notes = new ProposalNotes(ConsoleTemplates.messages());


    /** Each sentence the platform writes, as it writes it, with what the Chinese must show. */
    private static final Map<String, List<String>> WRITTEN = Map.ofEntries(
            Map.entry(ProposalNotes.approved(2, 3), List.of("2", "3", "已通过")),
            Map.entry(ProposalNotes.rejected(2, 4), List.of("2", "4", "已否决")),
            Map.entry(ProposalNotes.APPLYING, List.of("正在链上执行")),
            Map.entry(ProposalNotes.inChannel(3, "main"), List.of("3", "main", "已加入通道")),
            Map.entry(ProposalNotes.leftChannel(3, "trade-finance"), List.of("3", "trade-finance", "已退出通道")),
            Map.entry(ProposalNotes.leftConsortium(4), List.of("4", "已退出联盟")),
            Map.entry(ProposalNotes.votedOut(4), List.of("4", "投票移出")),
            Map.entry(ProposalNotes.leaving(4), List.of("4", "主动退出联盟")),
            Map.entry(ProposalNotes.withdrawn(4, 12), List.of("4", "12", "已撤回")),
            Map.entry(ProposalNotes.withdrawnByVote(4, 12), List.of("4", "12", "已撤回", "投票")),
            Map.entry(ProposalNotes.waitedTooLong(10), List.of("10", "分钟")),
            Map.entry(ProposalNotes.INTERRUPTED, List.of("重启")));

    @Test
    void every_note_the_platform_writes_reads_in_chinese_with_its_facts() throws IOException {
        assertThat(WRITTEN).hasSize(ProposalNotes.keys().size());
        Properties english = load("i18n/console.properties");
        Properties chinese = load("i18n/console_zh_CN.properties");
        assertThat(english.stringPropertyNames()).containsAll(ProposalNotes.keys());
        assertThat(chinese.stringPropertyNames()).containsAll(ProposalNotes.keys());
        WRITTEN.forEach((note, shown) -> {
            String text = notes.text(note, CHINESE);
            assertThat(text).as(note).contains(shown).containsPattern("\\p{IsHan}");
            String words = text;
            for (String fact : shown) {
                words = words.replace(fact, " ");
            }
            assertThat(words).as("%s: %s", note, text).doesNotContainPattern("[A-Za-z]{2,}");
            assertThat(notes.text(note, Locale.ENGLISH)).as(note).isEqualToIgnoringCase(note);
        });
        assertThat(notes.text(ProposalNotes.approved(2, 3), CHINESE)).isEqualTo("3 个组织中 2 个同意，已通过；正在链上执行");
    }

    @Test
    void a_note_the_platform_did_not_compose_is_shown_as_written() {
        String error = "Node c1-org3-0 did not join channel main: connection refused";
        assertThat(notes.text(error, CHINESE)).isEqualTo(error);
        assertThat(notes.text(null, CHINESE)).isNull();
        assertThat(notes.text("Approved by 2 of 3 organisations; being applied on chain, then failed", CHINESE))
                .isEqualTo("Approved by 2 of 3 organisations; being applied on chain, then failed");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                ProposalNotesTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
