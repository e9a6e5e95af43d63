package io.consortia.platform.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The receipt check in the browser (receipt.js) listed its steps and its verdict's reason in
 * English only, validation codes raw. Each step now carries its key and arguments; the console has
 * each step as receipt.step.KEY in both languages and the transaction page hands them to the
 * script, with the label of the transaction's validation code (the code still shown beside it).
 */
class ReceiptStepsTemplateTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    private static String resource(String name) throws IOException {
        try (InputStream in = ReceiptStepsTemplateTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties messages = new Properties();
        try (Reader in = new InputStreamReader(ReceiptStepsTemplateTest.class.getClassLoader().getResourceAsStream(name),
                StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        return messages;
    }

    /** The keys of receipt.js's step sentences (its TEXTS). */
    private static List<String> scriptKeys() throws IOException {
        String script = resource("static/console/assets/receipt.js");
        int start = script.indexOf("const TEXTS = {");
        assertThat(start).as("receipt.js names its steps' sentences").isNotNegative();
        String texts = script.substring(start, script.indexOf("};", start));
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+): '").matcher(texts);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<String> placeholders(String message) {
        return PLACEHOLDER.matcher(message).results().map(r -> r.group()).sorted().distinct().toList();
    }

    private static String proof(Locale locale, String code) {
        Map<String, Object> proof = Map.of("leafIndex", 0, "leafCount", 1, "transactionsRoot", "aa",
                "siblings", List.of(), "receiptsRoot", "bb", "receiptSiblings", List.of(), "hashFunction", "SM3");
        Map<String, Object> tx = new HashMap<>(Map.of("transactionId", "3f2a", "blockHash", "9b1c", "code", code,
                "proof", proof, "header", Map.of("version", 1), "proofVerified", true, "verdictProven", true));
        tx.put("verificationFailure", null);
        return ConsoleTemplates.render("console/transaction", "section#proof", locale, Map.of(
                "consortium", Map.of("id", 7L), "tx", tx, "receiptJson", "{}"), Map.of("fmt", new Formats()));
    }

    @Test
    void every_step_of_the_browser_s_receipt_check_reads_in_english_and_chinese() throws IOException {
        List<String> keys = scriptKeys();
        assertThat(keys).contains("idOk", "headerOk", "underReceiptsRoot", "notUnderReceiptsRoot", "malformed");
        Properties english = bundle("i18n/console.properties");
        Properties chinese = bundle("i18n/console_zh_CN.properties");
        for (String key : keys) {
            String en = english.getProperty("receipt.step." + key);
            String zh = chinese.getProperty("receipt.step." + key);
            assertThat(en).as("English of " + key).isNotBlank();
            assertThat(zh).as("Chinese of " + key).isNotBlank().isNotEqualTo(en);
            // every argument the English shows (hashes, numbers, the raw code) the Chinese shows too
            assertThat(placeholders(zh)).as(key).containsAll(placeholders(en));
        }
    }

    @Test
    void the_transaction_page_hands_the_script_its_steps_and_the_code_s_label_in_the_reader_s_language()
            throws IOException {
        String page = proof(Locale.SIMPLIFIED_CHINESE, "CONTRACT_REJECTED");
        assertThat(page).contains("data-texts=\"#receipt-texts\"", "id=\"receipt-texts\"");
        for (String key : scriptKeys()) {
            assertThat(page).as(key).containsPattern("<span data-key=\"" + key + "\">[^<]*[\\u4e00-\\u9fff][^<]*</span>");
        }
        assertThat(page).contains("<span data-key=\"idOk\">{0}(payload) = 交易 ID {1}</span>",
                "<dt>CONTRACT_REJECTED</dt><dd>合约拒绝</dd>");
        assertThat(proof(Locale.ENGLISH, "VALID")).contains("<span data-key=\"idOk\">{0}(payload) = transaction id {1}</span>",
                "<dt>VALID</dt><dd>Valid</dd>");
        assertThat(resource("static/console/assets/console.js")).contains("button.dataset.texts",
                "ConsortiaReceipt.format(");
    }

    /**
     * A receipt the script could not read showed 回执格式错误： followed by the script's own English
     * ("not hex: zz", "unknown hash function MD5", "unknown header field x", or the JavaScript
     * engine's words for a missing field). Each case is now a step of its own with its key, in both
     * languages, its argument only the receipt's own value (the text, the name, the field).
     */
    @Test
    void a_malformed_receipt_s_step_reads_in_the_reader_s_language_without_the_script_s_english() throws IOException {
        assertThat(scriptKeys()).contains("malformed", "malformedHex", "malformedHashFunction",
                "malformedHeaderField", "malformedField");
        String script = resource("static/console/assets/receipt.js");
        // no step carries an error's English message as its argument
        assertThat(script).doesNotContain("e.message");
        Properties english = bundle("i18n/console.properties");
        Properties chinese = bundle("i18n/console_zh_CN.properties");
        assertThat(placeholders(english.getProperty("receipt.step.malformed"))).isEmpty();
        assertThat(placeholders(chinese.getProperty("receipt.step.malformed"))).isEmpty();
        String page = proof(Locale.SIMPLIFIED_CHINESE, "VALID");
        assertThat(page).contains("<span data-key=\"malformedHex\">回执格式错误：不是十六进制字符串：{0}</span>",
                "<span data-key=\"malformedField\">回执格式错误：缺少 {0} 或其类型不对</span>");
    }
}
