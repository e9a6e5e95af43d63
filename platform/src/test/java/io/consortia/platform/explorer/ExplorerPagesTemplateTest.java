package io.consortia.platform.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.web.ConsoleTemplates;
import io.consortia.protocol.v1.ValidationCode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The explorer showed a transaction's validation code as the node names it (VALID,
 * DUPLICATE_TRANSACTION_ID) in both languages; it now reads as a label in the reader's language,
 * the code still on the page (tooltip, data-code, and next to it on the transaction's page).
 */
class ExplorerPagesTemplateTest {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final Map<String, Object> BEANS = Map.of("fmt", new Formats());

    private static Map<String, Object> transaction(String code, String reason) {
        Map<String, Object> tx = new HashMap<>(Map.of("transactionId", "3f2a", "channel", "main", "blockNumber", 4L,
                "blockHash", "9b1c", "code", code, "contract", "notarization", "function", "record",
                "arguments", List.of("doc"), "result", "ok", "creatorCommonName", "app1"));
        tx.putAll(Map.of("creatorOrganization", "alpha", "createdAtMillis", 1_000L, "blockTimestampMillis", 2_000L));
        tx.put("reason", reason);
        return tx;
    }

    private static String transactionPage(Locale locale, String code, String reason) {
        return ConsoleTemplates.render("console/transaction", "section#tx-detail", locale, Map.of(
                "consortium", Map.of("id", 7L), "tx", transaction(code, reason)), BEANS);
    }

    private static ExplorerViews.TransactionSummary summary(String code) {
        return new ExplorerViews.TransactionSummary("main", "3f2a", 4L, 0, "notarization", "record", "alpha", code,
                null, 2_000L);
    }

    private static String blockPage(Locale locale, String code) {
        return ConsoleTemplates.render("console/block", "table", locale, Map.of("consortium", Map.of("id", 7L),
                "detail", new ExplorerViews.BlockDetail(null, List.of(summary(code)))), BEANS);
    }

    private static String latestTransactions(Locale locale, String code) {
        return ConsoleTemplates.render("console/explorer", "table#latest-transactions", locale, Map.of(
                "consortium", Map.of("id", 7L),
                "transactions", new ExplorerViews.Page<>(0, 20, 1, List.of(summary(code)))), BEANS);
    }

    @Test
    void a_transaction_s_validation_code_reads_in_the_reader_s_language_and_stays_visible() {
        String reason = "asset a1 exists";
        assertThat(transactionPage(CHINESE, "DUPLICATE_TRANSACTION_ID", null))
                .contains(">交易 ID 重复</span>", "title=\"DUPLICATE_TRANSACTION_ID\"",
                        "id=\"tx-code\">DUPLICATE_TRANSACTION_ID</code>")
                .doesNotContain(">DUPLICATE_TRANSACTION_ID</span>");
        assertThat(transactionPage(CHINESE, "VALID", null)).contains(">有效</span>", "id=\"tx-code\">VALID</code>");
        // the node's reason stays as the node wrote it
        assertThat(transactionPage(CHINESE, "CONTRACT_REJECTED", reason))
                .contains(">合约拒绝</span>", ">" + reason + "</span>");
        assertThat(transactionPage(Locale.ENGLISH, "BAD_SIGNATURE", null))
                .contains(">Bad signature</span>", "id=\"tx-code\">BAD_SIGNATURE</code>");
        // a code this console has no label for (a newer node's) shows as the code
        assertThat(transactionPage(CHINESE, "SOMETHING_NEW", null)).contains(">SOMETHING_NEW</span>")
                .doesNotContain("??");
    }

    @Test
    void a_block_s_and_the_latest_transactions_validation_codes_read_in_the_reader_s_language() {
        for (String page : List.of(blockPage(CHINESE, "VALID"), latestTransactions(CHINESE, "VALID"))) {
            assertThat(page).contains(">有效</span>", "title=\"VALID\"", "data-code=\"VALID\"", "st-VALID")
                    .doesNotContain(">VALID</span>");
        }
        assertThat(blockPage(CHINESE, "FORBIDDEN")).contains(">无权调用</span>", "title=\"FORBIDDEN\"");
        assertThat(blockPage(Locale.ENGLISH, "OUT_OF_FUEL")).contains(">Out of fuel</span>");
        assertThat(latestTransactions(Locale.ENGLISH, "VALID")).contains(">Valid</span>");
    }

    /**
     * Only VALID had a status colour (st-VALID): every refused transaction showed grey, like a
     * neutral label. Every other code now also carries st-INVALID (red), on all three pages alike.
     */
    @Test
    void a_refused_transaction_s_code_is_marked_invalid_on_every_explorer_page() throws IOException {
        for (String code : List.of("DUPLICATE_TRANSACTION_ID", "FORBIDDEN", "VALIDATION_CODE_UNSPECIFIED", "SOMETHING_NEW")) {
            for (String page : List.of(transactionPage(CHINESE, code, null), blockPage(CHINESE, code),
                    latestTransactions(Locale.ENGLISH, code))) {
                assertThat(page).as(code).contains("st-" + code).containsPattern("class=\"status[^\"]* st-INVALID\"");
            }
        }
        for (String page : List.of(transactionPage(CHINESE, "VALID", null), blockPage(CHINESE, "VALID"),
                latestTransactions(CHINESE, "VALID"))) {
            assertThat(page).contains("st-VALID").doesNotContain("st-INVALID");
        }
        String css;
        try (var in = getClass().getClassLoader().getResourceAsStream("static/console/assets/console.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(css).containsPattern("\\.st-INVALID[^{]*\\{[^}]*color:var\\(--bad\\)");
    }

    /** A code the node may answer and this console has no label for would show raw again in Chinese. */
    @Test
    void every_validation_code_has_a_label_in_both_languages() throws IOException {
        List<String> codes = Arrays.stream(ValidationCode.values()).filter(c -> c != ValidationCode.UNRECOGNIZED)
                .map(Enum::name).toList();
        assertThat(codes).contains("VALID", "OUTPUT_TOO_LARGE");
        Properties english = load("i18n/console.properties");
        Properties chinese = load("i18n/console_zh_CN.properties");
        for (String code : codes) {
            assertThat(english.getProperty("validationCode." + code)).as("English label of " + code).isNotBlank();
            assertThat(chinese.getProperty("validationCode." + code)).as("Chinese label of " + code).isNotBlank()
                    .isNotEqualTo(english.getProperty("validationCode." + code));
        }
    }

    private static Properties load(String bundle) throws IOException {
        Properties messages = new Properties();
        try (Reader in = new InputStreamReader(ExplorerPagesTemplateTest.class.getClassLoader()
                .getResourceAsStream(bundle), StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        return messages;
    }
}
