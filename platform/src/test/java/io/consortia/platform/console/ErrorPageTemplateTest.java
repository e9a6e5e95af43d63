package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;

/** The console's error page as ConsoleAdvice answers a refused page, rendered in both languages. */
class ErrorPageTemplateTest {
    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final OrganizationService organizations = mock(OrganizationService.class);
    private final ConsoleAdvice advice = new ConsoleAdvice(currentUser, organizations);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private ModelAndView refused(PlatformException e) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/consortia/2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        ModelAndView page = advice.platformProblem(e, request, response);
        assertThat(response.getStatus()).isEqualTo(e.status().value());
        return page;
    }

    private static String render(ModelAndView page, String selector, Locale locale) {
        return ConsoleTemplates.render(page.getViewName(), selector, locale, page.getModel());
    }

    private void signedInAsZhao() {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken("zhao", null, List.of()));
        when(currentUser.get()).thenReturn(new Caller(5, "zhao", null, 3L, OrganizationRole.ADMIN));
        when(organizations.get(3)).thenReturn(new Organization(3, "zhao-org", "Zhao Org", 0));
    }

    /** It had no navigation and no user menu: a signed-in user looked signed out (found by a tester). */
    @Test
    void a_signed_in_user_keeps_the_navigation_and_user_menu() {
        signedInAsZhao();
        ModelAndView page = refused(PlatformException.forbidden(
                "Consortium 2 is visible only to its member organisations"));
        String header = render(page, "header", Locale.SIMPLIFIED_CHINESE);
        assertThat(header).contains("class=\"mainnav\"").contains("id=\"nav-consortia\"").contains("zhao")
                .contains("id=\"sign-out\"").contains("/console/consortia/2?lang=en");
    }

    @Test
    void signed_out_there_is_no_user_menu() {
        String header = render(refused(PlatformException.notFound("Consortium", 999)), "header", Locale.ENGLISH);
        assertThat(header).doesNotContain("mainnav").doesNotContain("sign-out");
    }

    /** The API's English detail was all a Chinese reader got (found by a tester). */
    @Test
    void the_status_is_explained_in_the_page_language_with_the_detail_kept_below() {
        signedInAsZhao();
        ModelAndView forbidden = refused(PlatformException.forbidden(
                "Consortium 2 is visible only to its member organisations"));
        String chinese = render(forbidden, "div#error-detail", Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains("您无权查看或执行此操作").contains("平台的原始说明")
                .contains("Consortium 2 is visible only to its member organisations");
        assertThat(chinese.indexOf("您无权")).isLessThan(chinese.indexOf("Consortium 2"));
        assertThat(render(forbidden, "div#error-detail", Locale.ENGLISH)).contains("You may not see or do this");

        assertThat(render(refused(PlatformException.notFound("Consortium", 999)), "div#error-detail",
                Locale.SIMPLIFIED_CHINESE)).contains("此页面不存在");
        assertThat(render(refused(PlatformException.conflict("It exists")), "div#error-detail",
                Locale.SIMPLIFIED_CHINESE)).contains("目前无法执行");
        assertThat(render(refused(PlatformException.invalid("from must be")), "div#error-detail",
                Locale.SIMPLIFIED_CHINESE)).contains("请求无法处理");
    }

    @Test
    void every_status_the_page_explains_has_its_sentence_in_both_languages() {
        var messages = ConsoleTemplates.messages();
        for (int status : ConsoleAdvice.EXPLAINED) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                assertThat(messages.getMessage("error.explain." + status, null, locale)).isNotBlank();
            }
        }
        assertThat(messages.getMessage("error.explain.other", null, Locale.SIMPLIFIED_CHINESE)).isNotBlank();
    }
}
