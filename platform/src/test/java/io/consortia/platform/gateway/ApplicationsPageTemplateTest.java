package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.certificate.CertificateService;
import io.consortia.platform.custody.RevocationReasons;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After deleting an application the page fills in the REST answer's "certificate" with
 * JavaScript; it showed the English sentence ("USER app:erp serial 1a2b revoked: ...") after the
 * Chinese lead. The page now hands the script the sentence as the platform writes it and as the
 * reader reads it, with the role's name, so the script shows it in the page's language (the
 * answer itself stays English).
 */
class ApplicationsPageTemplateTest {
    private static String deletedNotice(Locale locale) {
        return ConsoleTemplates.render("console/applications", "section#application-deleted", locale,
                Map.of("canManage", true, "rows", List.of(), "consortia", List.of(), "organizationId", 3L),
                Map.of("deploymentTexts", new DeploymentTexts(ConsoleTemplates.messages()),
                        "revocationReasons", new RevocationReasons(ConsoleTemplates.messages())));
    }

    private static String text(String html, String marker) {
        Matcher m = Pattern.compile("<span " + marker + ">([^<]*)</span>").matcher(html);
        if (!m.find()) {
            throw new AssertionError(marker + " not handed to the script: " + html);
        }
        return m.group(1);
    }

    @Test
    void the_deleted_application_s_certificate_is_handed_to_the_script_in_the_reader_s_language() throws IOException {
        String chinese = deletedNotice(Locale.SIMPLIFIED_CHINESE);
        assertThat(text(chinese, "data-written")).isEqualTo(DeploymentTexts.REVOKED_CERTIFICATE.of("{0}", "{1}",
                "{2}", "{3}"));
        assertThat(text(chinese, "data-read")).isEqualTo("{0} {1} 序列号 {2} 已吊销：{3}");
        // the role (a code in the answer) reads as the certificates page names it
        assertThat(chinese).containsPattern("<dt>USER</dt>\\s*<dd>用户</dd>");
        // and so does the reason, its RFC 5280 code still shown
        assertThat(chinese).containsPattern("<dt>" + Pattern.quote(CertificateService.APPLICATION_DELETED)
                + "</dt>\\s*<dd>停止运营（cessationOfOperation）：应用已删除</dd>");
        String english = deletedNotice(Locale.ENGLISH);
        assertThat(english).containsPattern("<dt>" + Pattern.quote(CertificateService.APPLICATION_DELETED)
                + "</dt>\\s*<dd>" + Pattern.quote(CertificateService.APPLICATION_DELETED) + "</dd>");
        assertThat(text(english, "data-read")).isEqualTo("{0} {1} serial {2} revoked: {3}");
        assertThat(english).containsPattern("<dt>USER</dt>\\s*<dd>User</dd>");
        // and the script reads what the page hands it
        String script;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("static/console/assets/console.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).contains("dataset.readAs", "[data-written]", "[data-read]");
        assertThat(chinese).contains("data-field=\"certificate\" data-read-as=\"#deleted-certificate-read\"",
                "id=\"deleted-certificate-read\"");
    }
}
