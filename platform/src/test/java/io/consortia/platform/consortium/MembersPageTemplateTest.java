package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Members tab's history showed a certificate's role as the code the platform stores in the
 * detail ("NODE_TLS c1-org1-0, serial 3a4b: key compromise"), in Chinese too.
 */
class MembersPageTemplateTest {
    private static final MembershipEvent REVOKED = new MembershipEvent(1, 3, "org1", "CERTIFICATE_REVOKED", "alice",
            0, "NODE_TLS c1-org1-0, serial 3a4b: key compromise");
    private static final MembershipEvent USER_REVOKED = new MembershipEvent(2, 3, "org1", "CERTIFICATE_REVOKED",
            "admin", 0, "USER dave, serial 5c6d: user removed");
    private static final MembershipEvent RENEWED = new MembershipEvent(3, 3, "org1", "CERTIFICATE_RENEWED", "alice",
            0, "CLIENT_TLS platform, serial 1a -> 2b");
    private static final MembershipEvent ADDED = new MembershipEvent(4, 3, "org1", "ADDED_TO_CHANNEL", "alice", 0,
            "USER channel main");
    private static final MembershipEvent UNKNOWN_ROLE = new MembershipEvent(5, 3, "org1", "CERTIFICATE_REVOKED",
            "alice", 0, "ORDERER o1, serial 7e: key compromise");
    private static final MembershipEvent NO_DETAIL = new MembershipEvent(6, 3, "org1", "CERTIFICATE_RENEWED", "alice",
            0, null);
    private static final MembershipEvent APPLICATION_DELETED = new MembershipEvent(7, 3, "org1", "CERTIFICATE_REVOKED",
            "alice", 0, "USER app:erp, serial 7f: cessationOfOperation: application deleted");

    private static String history(Locale locale) {
        return ConsoleTemplates.render("console/consortium-members", "table#history-table", locale,
                Map.of("history", List.of(REVOKED, USER_REVOKED, RENEWED, ADDED, UNKNOWN_ROLE, NO_DETAIL,
                        APPLICATION_DELETED)),
                Map.of("fmt", new Formats(), "historyTexts", new HistoryTexts(ConsoleTemplates.messages())));
    }

    /**
     * The rest of a certificate event's detail (", serial 3a4b: key compromise") stayed English in
     * Chinese: it reads through the messages, the reason as the Certificates tab reads it (its RFC
     * 5280 code by name, the platform's own words in Chinese, typed words as typed).
     */
    @Test
    void a_certificate_s_role_reads_by_its_name_in_the_reader_s_language() {
        assertThat(history(Locale.SIMPLIFIED_CHINESE))
                .contains(">节点 TLS c1-org1-0，序列号 3a4b：密钥泄露（key compromise）</td>")
                .contains(">用户 dave，序列号 5c6d：用户已被移除</td>")
                .contains(">平台客户端 TLS platform，序列号 1a 续期为 2b</td>")
                .contains(">用户 app:erp，序列号 7f：停止运营（cessationOfOperation）：应用已删除</td>")
                .doesNotContain(">NODE_TLS ").doesNotContain(">USER dave").doesNotContain(">CLIENT_TLS ")
                .doesNotContain("c1-org1-0, serial", "dave, serial", "platform, serial", "app:erp, serial");
        assertThat(history(Locale.ENGLISH))
                .contains(">Node TLS c1-org1-0, serial 3a4b: key compromise</td>")
                .contains(">User dave, serial 5c6d: user removed</td>")
                .contains(">Platform client TLS platform, serial 1a -&gt; 2b</td>")
                .contains(">User app:erp, serial 7f: cessationOfOperation: application deleted</td>");
    }

    @Test
    void other_events_details_and_codes_that_are_no_role_stay_as_stored() {
        assertThat(history(Locale.SIMPLIFIED_CHINESE))
                .contains(">USER channel main</td>")
                .contains(">ORDERER o1, serial 7e: key compromise</td>")
                .doesNotContain("??");
    }
}
