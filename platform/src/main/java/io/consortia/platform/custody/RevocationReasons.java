package io.consortia.platform.custody;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A certificate's revocation reason in the console reader's language
 * ({@code ${@revocationReasons.text(c.revocationReason)}}). The reason is stored, answered by the
 * API and written into history in English, as someone typed it or the platform wrote it: RFC
 * 5280's reason code, then why ("cessationOfOperation: application deleted"), or only why. A
 * Chinese reader reads the code by its name with the code as written beside it (停止运营
 * （cessationOfOperation）), and the words the platform writes itself in Chinese; words someone
 * typed stay as typed, and so does a reason that starts with no reason code.
 */
@Component("revocationReasons")
public class RevocationReasons {
    private static final String KEY = "revocationReason.";
    /** RFC 5280 (5.3.1)'s CRLReason names; a reason may spell one in words ("key compromise"). */
    private static final List<String> CODES = List.of("unspecified", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL",
            "privilegeWithdrawn", "aACompromise");
    /** Why, in the words the platform writes when it revokes on its own, and their message. */
    private static final Map<String, String> PLATFORM_WORDS = Map.of(
            "application deleted", "applicationDeleted",
            "node deleted", "nodeDeleted",
            "organisation removed from the consortium", "organizationRemoved",
            "network deleted", "networkDeleted",
            "node add failed", "nodeAddFailed",
            "user removed", "userRemoved");
    /** A code (or its words), then optionally ": " and why, as the platform writes it. */
    private static final Pattern CODED = Pattern.compile("([A-Za-z][A-Za-z ]*?)(?:: (.*))?", Pattern.DOTALL);

    private final MessageSource messages;

    public RevocationReasons(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String reason) {
        return text(reason, LocaleContextHolder.getLocale());
    }

    public String text(String reason, Locale locale) {
        if (reason == null) {
            return null;
        }
        Matcher m = CODED.matcher(reason);
        Optional<String> code = m.matches() ? code(m.group(1)) : Optional.empty();
        if (code.isEmpty()) {
            return why(reason, locale);
        }
        String written = m.group(1);
        String name = messages.getMessage(KEY + "code." + code.get(), null, written, locale);
        return m.group(2) == null ? messages.getMessage(KEY + "coded", new Object[] {name, written}, reason, locale)
                : messages.getMessage(KEY + "codedWhy", new Object[] {name, written, why(m.group(2), locale)},
                        reason, locale);
    }

    private String why(String written, Locale locale) {
        String key = PLATFORM_WORDS.get(written);
        return key == null ? written : messages.getMessage(KEY + key, null, written, locale);
    }

    /** The reason code {@code written} names, in camel case or in words of any case. */
    private static Optional<String> code(String written) {
        String squeezed = written.replace(" ", "");
        return CODES.stream().filter(code -> code.equalsIgnoreCase(squeezed)).findFirst();
    }
}
