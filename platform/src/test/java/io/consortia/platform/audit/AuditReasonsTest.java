package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chain verification's reasons on the console's audit page: the English inside a Chinese
 * sentence was what an auditor read (found by a tester).
 */
class AuditReasonsTest {
    private static final AuditReasons REASONS = new AuditReasons(ConsoleTemplates.messages());
    private static final String ON_CHAIN = AuditReasons.onChainHead(AuditReasons.where("main", 1L), 2, "tx-8");
    private static final String LISTED = AuditReasons.listedHead("tx-7");
    /** Every sentence the verify walk writes, each variant once. */
    private static final List<String> ALL = List.of(
            AuditReasons.missingInSequence(4, 5), AuditReasons.missingInSequence(4, 9),
            AuditReasons.previousHash(101, "98177b02", "719c63af"),
            AuditReasons.altered(101, "719c63af", "98177b02"),
            AuditReasons.notarizedMissing(9, 10, ON_CHAIN), AuditReasons.notarizedMissing(7, 10, LISTED),
            AuditReasons.rewritten(8, 8, "aa11", ON_CHAIN, "bb22", 3L, LISTED),
            AuditReasons.rewritten(1, 8, "aa11", LISTED, "bb22", null, null));
    private static final List<String> ENGLISH_WORDS = List.of("record", "missing", "hash", "altered", "notarized",
            "trusted", "rewrit", "channel", "consortium", "transaction", "anchor", "sequence", "platform");

    @Test
    void every_reason_reads_in_chinese_without_english_words() {
        for (String reason : ALL) {
            String chinese = REASONS.text(reason, Locale.SIMPLIFIED_CHINESE);
            assertThat(chinese).as(reason).isNotEqualTo(reason);
            for (String word : ENGLISH_WORDS) {
                assertThat(chinese).as(reason).doesNotContainIgnoringCase(word);
            }
        }
        assertThat(REASONS.text(AuditReasons.altered(101, "719c63af", "98177b02"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("第 101 条记录已被篡改：其内容的哈希为 719c63af，而非存储的 98177b02");
        assertThat(REASONS.text(AuditReasons.rewritten(8, 8, "aa11", ON_CHAIN, "bb22", 3L, LISTED),
                Locale.SIMPLIFIED_CHINESE)).contains("联盟 1 的通道 main").contains("交易 tx-7 存证的链头");
    }

    /** The console's English is the API's sentence itself: the builders and the bundle cannot drift apart unseen. */
    @Test
    void in_english_every_reason_reads_as_the_api_writes_it() {
        for (String reason : ALL) {
            assertThat(REASONS.text(reason, Locale.ENGLISH)).isEqualTo(reason);
        }
        assertThat(REASONS.text("something else entirely", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("something else entirely");
    }

    @Test
    void every_sentence_has_its_text_in_both_languages() {
        var messages = ConsoleTemplates.messages();
        for (String key : AuditReasons.keys()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                assertThat(messages.getMessage(key, null, locale)).isNotBlank();
            }
        }
    }

    @Test
    void the_audit_page_shows_the_reason_in_the_page_language() {
        AuditVerification broken = AuditVerification.bad(100, 100, "h", 101,
                AuditReasons.altered(101, "719c63af", "98177b02"), OnChainCheck.unreadable(1, "main", "no ledger"));
        String page = ConsoleTemplates.render("console/audit", "div#audit-verification", Locale.SIMPLIFIED_CHINESE,
                Map.of("verification", broken), Map.of("auditReasons", REASONS));
        assertThat(page).contains("哈希链在第 101 条记录处断开").contains("第 101 条记录已被篡改")
                .doesNotContain("was altered");
    }
}
