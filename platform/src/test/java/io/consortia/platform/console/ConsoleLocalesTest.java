package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Whatever Chinese a link or a browser names, the console reads in its Chinese; anything else in English. */
class ConsoleLocalesTest {
    private final ConsoleLocales locales = new ConsoleLocales();
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    ConsoleLocalesTest() {
        messages.setBasename("i18n/console");
        messages.setDefaultEncoding("UTF-8");
    }

    @Test
    void a_link_naming_any_chinese_gives_the_chinese_console_and_remembers_it() throws Exception {
        for (String lang : new String[] {"zh", "zh-CN", "zh-TW", "zh-Hans-CN", "zh_CN"}) {
            Cookie remembered = choose(lang);
            MockHttpServletRequest next = new MockHttpServletRequest("GET", "/console");
            next.setCookies(remembered);
            Locale locale = locales.resolveLocale(next);
            assertThat(locale).as(lang).isEqualTo(Locale.SIMPLIFIED_CHINESE);
            assertThat(messages.getMessage("nav.dashboard", null, locale)).as(lang).isEqualTo("概览");
        }
    }

    @Test
    void another_language_gives_english() throws Exception {
        Cookie remembered = choose("fr");
        MockHttpServletRequest next = new MockHttpServletRequest("GET", "/console");
        next.setCookies(remembered);
        assertThat(locales.resolveLocale(next)).isEqualTo(Locale.ENGLISH);
        assertThat(messages.getMessage("nav.dashboard", null, Locale.ENGLISH)).isEqualTo("Dashboard");
    }

    @Test
    void without_a_choice_the_browser_s_language_decides() {
        MockHttpServletRequest taiwan = new MockHttpServletRequest("GET", "/console");
        taiwan.addPreferredLocale(Locale.TRADITIONAL_CHINESE);
        assertThat(locales.resolveLocale(taiwan)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        MockHttpServletRequest german = new MockHttpServletRequest("GET", "/console");
        german.addPreferredLocale(Locale.GERMANY);
        assertThat(locales.resolveLocale(german)).isEqualTo(Locale.ENGLISH);
    }

    /** What the console does with {@code ?lang=…}: the interceptor sets the locale, the resolver's cookie keeps it. */
    private Cookie choose(String lang) throws Exception {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console");
        request.setParameter("lang", lang);
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
        MockHttpServletResponse response = new MockHttpServletResponse();
        change.preHandle(request, response, new Object());
        Cookie cookie = response.getCookie("consortia-lang");
        assertThat(cookie).as("cookie for %s", lang).isNotNull();
        return cookie;
    }
}
