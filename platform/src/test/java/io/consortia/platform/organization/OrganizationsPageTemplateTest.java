package io.consortia.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.identity.UserView;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The platform users' rows offer Disable and Enable, as an organisation's member rows do; not on one's own. */
class OrganizationsPageTemplateTest {
    private static final List<UserView> PLATFORM_USERS = List.of(
            new UserView(1, "admin", PlatformRole.ADMIN, null, null, true),
            new UserView(2, "auditor1", PlatformRole.AUDITOR, null, null, true),
            new UserView(3, "auditor2", PlatformRole.AUDITOR, null, null, false));

    private static String render(Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("organizations", List.of());
        model.put("canCreate", true);
        model.put("platformUsers", PLATFORM_USERS);
        model.put("viewer", Map.of("username", "admin"));
        return ConsoleTemplates.render("console/organizations", "table#platform-users-table", locale, model);
    }

    private static String row(String html, String username) {
        Matcher m = Pattern.compile("<tr[^>]*data-user=\"" + username + "\".*?</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("row of %s in %s", username, html).isTrue();
        return m.group();
    }

    @Test
    void an_enabled_account_offers_disable_a_disabled_one_enable_and_one_s_own_neither() {
        String english = render(Locale.ENGLISH);
        assertThat(row(english, "auditor1")).contains("data-api-post=\"/api/v1/users/auditor1/status\"")
                .contains("data-body='{\"enabled\":false}'").contains(">Disable</button>").doesNotContain(">Enable<")
                .contains("Disable auditor1? The account is signed out");
        assertThat(row(english, "auditor2")).contains("Disabled: cannot sign in").contains(">Enable</button>")
                .doesNotContain(">Disable<");
        assertThat(row(english, "admin")).contains(">Enabled<").doesNotContain("<button");

        String chinese = render(Locale.SIMPLIFIED_CHINESE);
        assertThat(row(chinese, "auditor1")).contains(">停用</button>").contains("停用 auditor1？该账户的会话将结束");
        assertThat(row(chinese, "auditor2")).contains(">启用</button>").contains("已停用：无法登录");
    }
}
