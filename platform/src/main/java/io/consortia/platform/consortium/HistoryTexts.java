package io.consortia.platform.consortium;

import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.custody.RevocationReasons;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A consortium history entry's detail in the console reader's language
 * ({@code ${@historyTexts.detail(e)}}). The certificate events' details are stored in English and
 * begin with the certificate's role code ("NODE_TLS c1-org1-0, serial 3a4b: key compromise"): the
 * page names the role as the Certificates tab does, and reads the rest through the messages
 * ({@code eventDetail.EVENT}), a revocation's reason as the Certificates tab reads it. A name, a
 * serial and the words someone typed stay as written, and the stored text, which the API
 * returns, is not changed; a detail of another shape shows as written after its role's name.
 */
@Component("historyTexts")
public class HistoryTexts {
    /** Each certificate event's detail as the platform writes it: role, subject, serial, then the reason or new serial. */
    private static final Map<String, Pattern> CERTIFICATE_EVENTS = Map.of(
            "CERTIFICATE_REVOKED", Pattern.compile("(\\S+) (\\S+), serial (\\S+): (.*)", Pattern.DOTALL),
            "CERTIFICATE_RENEWED", Pattern.compile("(\\S+) (\\S+), serial (\\S+) -> (\\S+)"));

    private final MessageSource messages;
    private final RevocationReasons reasons;

    public HistoryTexts(MessageSource messages) {
        this.messages = messages;
        this.reasons = new RevocationReasons(messages);
    }

    public String detail(MembershipEvent event) {
        return detail(event, LocaleContextHolder.getLocale());
    }

    String detail(MembershipEvent event, Locale locale) {
        String detail = event.detail();
        if (detail == null || !CERTIFICATE_EVENTS.containsKey(event.event())) {
            return detail;
        }
        int space = detail.indexOf(' ');
        String code = space < 0 ? "" : detail.substring(0, space);
        if (Arrays.stream(KeyPurpose.values()).noneMatch(p -> p.name().equals(code))) {
            return detail;
        }
        String role = messages.getMessage("certificate.role." + code, null, code, locale);
        Matcher m = CERTIFICATE_EVENTS.get(event.event()).matcher(detail);
        if (!m.matches()) {
            return role + detail.substring(space);
        }
        String last = event.event().equals("CERTIFICATE_REVOKED") ? reasons.text(m.group(4), locale) : m.group(4);
        return messages.getMessage("eventDetail." + event.event(), new Object[] {role, m.group(2), m.group(3), last},
                role + detail.substring(space), locale);
    }
}
