package io.consortia.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.UserView;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The member rows offered Make member and Remove on the organisation's only admin, which the
 * platform then refused (409: make another user admin first).
 */
class OrganizationPageTemplateTest {
    private static final UserView CAROL = new UserView(3, "carol", null, 5L, OrganizationRole.ADMIN, true);
    private static final UserView DAVE = new UserView(4, "dave", null, 5L, OrganizationRole.MEMBER, true);
    private static final UserView ERIN = new UserView(6, "erin", null, 5L, OrganizationRole.ADMIN, true);

    private static String render(List<UserView> members, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("organization", Map.of("id", 5L, "name", "org1", "displayName", "Org 1"));
        model.put("members", members);
        model.put("onlyAdmin", OrganizationPages.onlyAdmin(members));
        model.put("canManage", true);
        // a platform admin: every row of the organisation is someone else's
        model.put("viewer", Map.of("username", "admin"));
        return ConsoleTemplates.render("console/organization", "table#members-table", locale, model);
    }

    private static String row(String html, String username) {
        Matcher m = Pattern.compile("<tr[^>]*data-member=\"" + username + "\".*?</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("row of %s in %s", username, html).isTrue();
        return m.group();
    }

    @Test
    void the_only_admin_s_row_offers_make_member_and_remove_disabled_and_says_why() {
        String english = row(render(List.of(CAROL, DAVE), Locale.ENGLISH), "carol");
        assertThat(english)
                .containsPattern("<button[^>]*class=\"member-role\"[^>]*disabled[^>]*>Make member</button>")
                .containsPattern("<button[^>]*class=\"member-remove danger\"[^>]*disabled[^>]*>Remove</button>")
                .contains("only enabled admin: make another user admin, or enable a disabled admin, first");
        String chinese = row(render(List.of(CAROL, DAVE), Locale.SIMPLIFIED_CHINESE), "carol");
        assertThat(chinese)
                .containsPattern("<button[^>]*class=\"member-role\"[^>]*disabled[^>]*>设为成员</button>")
                .containsPattern("<button[^>]*class=\"member-remove danger\"[^>]*disabled[^>]*>移除</button>")
                .contains("组织唯一已启用的管理员");
    }

    @Test
    void other_rows_and_an_organisation_with_two_admins_keep_their_actions() {
        String dave = row(render(List.of(CAROL, DAVE), Locale.ENGLISH), "dave");
        assertThat(dave).contains(">Make admin</button>").contains(">Remove</button>")
                .doesNotContain("disabled").doesNotContain("only admin");
        String twoAdmins = render(List.of(CAROL, DAVE, ERIN), Locale.ENGLISH);
        assertThat(row(twoAdmins, "carol")).contains(">Make member</button>").contains(">Remove</button>")
                .doesNotContain("disabled").doesNotContain("only admin");
        assertThat(row(twoAdmins, "erin")).doesNotContain("disabled");
    }

    /**
     * Zhao suspends a teller on leave instead of removing them: each row says whether the user may
     * sign in and offers Disable or Enable; the only enabled admin's Disable is off, as their
     * demotion and removal are, also while a disabled admin exists.
     */
    @Test
    void each_row_shows_the_user_s_state_and_offers_disable_or_enable() {
        UserView away = new UserView(7, "away", null, 5L, OrganizationRole.MEMBER, false);
        UserView suspended = new UserView(8, "suspended", null, 5L, OrganizationRole.ADMIN, false);
        List<UserView> members = List.of(CAROL, DAVE, away, suspended);

        String english = render(members, Locale.ENGLISH);
        assertThat(row(english, "dave"))
                .containsPattern("<td class=\"member-state good\"[^>]*>Enabled</td>")
                .containsPattern("<button[^>]*class=\"member-disable\"[^>]*data-body='\\{\"enabled\":false\\}'")
                .contains("/api/v1/organizations/5/members/dave/status", ">Disable</button>", "Disable dave?")
                .doesNotContain(">Enable</button>");
        assertThat(row(english, "away"))
                .containsPattern("<td class=\"member-state bad\"[^>]*>Disabled: cannot sign in</td>")
                .containsPattern("<button[^>]*class=\"member-enable\"[^>]*>Enable</button>")
                .contains("/api/v1/organizations/5/members/away/status").doesNotContain(">Disable</button>");
        assertThat(row(english, "carol")).as("the only enabled admin")
                .containsPattern("<button[^>]*class=\"member-disable\"[^>]*disabled[^>]*>Disable</button>")
                .contains("only enabled admin: make another user admin, or enable a disabled admin, first");
        assertThat(row(english, "suspended")).as("a disabled admin is no admin to keep")
                .contains(">Make member</button>", ">Remove</button>", ">Enable</button>").doesNotContain("disabled=");

        String chinese = render(members, Locale.SIMPLIFIED_CHINESE);
        assertThat(row(chinese, "dave")).contains(">已启用</td>", ">停用</button>", "停用 dave？");
        assertThat(row(chinese, "away")).contains(">已停用：无法登录</td>", ">启用</button>");
    }

    /** 我的组织's certificates in custody showed their purpose as its code (CA_ROOT, NODE_TLS); the Certificates tab names them. */
    @Test
    void a_certificate_s_purpose_reads_in_the_reader_s_language_and_keeps_its_code() {
        List<OrganizationCertificates.Certificate> certificates = java.util.stream.Stream.of("CA_ROOT", "TLS_ROOT",
                "ADMIN", "CLIENT_TLS", "NODE", "NODE_TLS", "USER").map(purpose -> new OrganizationCertificates
                        .Certificate("c1", purpose, "CN=" + purpose, java.time.Instant.EPOCH, false)).toList();
        Map<String, Object> model = new HashMap<>(Map.of("organization", Map.of("id", 5L, "name", "org1"),
                "certificates", certificates));
        Map<String, Object> beans = Map.of("fmt", new io.consortia.platform.console.Formats());
        String chinese = ConsoleTemplates.render("console/organization", "table#certificates-table",
                Locale.SIMPLIFIED_CHINESE, model, beans);
        assertThat(chinese).contains(">CA 根证书<", ">TLS 根证书<", ">组织管理员<", ">平台客户端 TLS<", ">节点签名<",
                ">节点 TLS<", ">用户<", "data-purpose=\"NODE_TLS\"");
        for (String code : List.of("CA_ROOT", "TLS_ROOT", "ADMIN", "CLIENT_TLS", "NODE", "NODE_TLS", "USER")) {
            assertThat(chinese).as(code).doesNotContain(">" + code + "<");
        }
        assertThat(ConsoleTemplates.render("console/organization", "table#certificates-table", Locale.ENGLISH, model,
                beans)).doesNotContain(">NODE_TLS<");
    }
}
