package io.consortia.platform.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The console's two languages, whatever locale a link, a cookie or the browser names: any
 * Chinese ({@code zh}, {@code zh-TW}, {@code zh-Hans-CN}) reads the Simplified Chinese messages,
 * anything else English. Without this, {@code ?lang=zh} stored the locale {@code zh}, for which no
 * message bundle exists: the page came out in English while the top bar marked 中文 as chosen.
 */
final class ConsoleLocales extends CookieLocaleResolver {
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    ConsoleLocales() {
        super("consortia-lang");
        setCookieMaxAge(Duration.ofDays(365));
        setDefaultLocaleFunction(request -> supported(request.getLocale()));
    }

    static Locale supported(@Nullable Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return supported(super.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale));
    }
}
