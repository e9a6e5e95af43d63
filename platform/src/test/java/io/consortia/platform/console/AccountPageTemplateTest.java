package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up banner tells the platform admin to change the printed password, and a tester found no way to in
 * the console: My account changes it through PUT /api/v1/me/password, in both languages.
 */
class AccountPageTemplateTest {

    @Test
    void the_password_form_sends_what_the_api_takes_in_the_reader_s_language() {
        String english = ConsoleTemplates.render("console/account", "form#password-change", Locale.ENGLISH, Map.of());
        assertThat(english).contains("data-api=\"/api/v1/me/password\"", "data-method=\"PUT\"",
                "name=\"currentPassword\"", "name=\"newPassword\"", "Change password", "this one stays signed in");
        String chinese = ConsoleTemplates.render("console/account", "form#password-change", Locale.SIMPLIFIED_CHINESE,
                Map.of());
        assertThat(chinese).contains("当前密码", "新密码", "修改密码").doesNotContain("Change password", "??");
    }

    /** A Chinese page headed a refusal "Bad Request" (the API's title): every page carries the headlines in its language. */
    @Test
    void every_page_carries_the_headlines_of_refusals_in_its_language() {
        String chinese = ConsoleTemplates.render("console/account", "head", Locale.SIMPLIFIED_CHINESE, Map.of());
        assertThat(chinese).contains("name=\"problem-title-400\" content=\"输入有误\"",
                "name=\"problem-title-409\" content=\"与当前状态冲突\"");
        String english = ConsoleTemplates.render("console/account", "head", Locale.ENGLISH, Map.of());
        assertThat(english).contains("name=\"problem-title-400\" content=\"Invalid input\"");
    }
}
