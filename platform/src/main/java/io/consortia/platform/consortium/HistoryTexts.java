package io.consortia.platform.consortium;

import io.consortia.platform.custody.KeyPurpose;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A consortium history entry's detail in the console reader's language
 * ({@code ${@historyTexts.detail(e)}}). The certificate events' details are stored in English and
 * begin with the certificate's role code ("NODE_TLS c1-org1-0, serial 3a4b: key compromise"): the
 * page names the role as the Certificates tab does. The rest (a name, a serial, the reason someone
 * typed) stays as written, and the stored text, which the API returns, is not changed.
 */
@Component("historyTexts")
public class HistoryTexts {
    private static final Set<String> CERTIFICATE_EVENTS = Set.of("CERTIFICATE_REVOKED", "CERTIFICATE_RENEWED");

    private final MessageSource messages;

    public HistoryTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String detail(MembershipEvent event) {
        return detail(event, LocaleContextHolder.getLocale());
    }

    String detail(MembershipEvent event, Locale locale) {
        String detail = event.detail();
        if (detail == null || !CERTIFICATE_EVENTS.contains(event.event())) {
            return detail;
        }
        int space = detail.indexOf(' ');
        String code = space < 0 ? "" : detail.substring(0, space);
        if (Arrays.stream(KeyPurpose.values()).noneMatch(p -> p.name().equals(code))) {
            return detail;
        }
        return messages.getMessage("certificate.role." + code, null, code, locale) + detail.substring(space);
    }
}
