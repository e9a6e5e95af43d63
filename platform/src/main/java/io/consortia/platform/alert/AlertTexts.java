package io.consortia.platform.alert;

import io.consortia.platform.deploy.SupervisorNotes;
import io.consortia.platform.web.ReadableTimes;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * An alert's summary in the console reader's language ({@code ${@alertTexts.summary(a)}}), from
 * the message key and arguments stored with it. An alert without a key (opened before keys were
 * stored) or whose key the bundle lacks shows its stored English summary.
 */
@Component("alertTexts")
public class AlertTexts {
    /**
     * A down node's summary ({@code down...Note}, {@code notAnsweringNote}, {@code notServingNote})
     * ends with its last error, which may be the supervisor's own note.
     */
    private static final String NODE_DOWN_WITH_NOTE = "alertText." + RuleKind.NODE_DOWN.name() + ".";

    /** The kinds of target the rules name (RuleConditions). */
    private static final java.util.Set<String> TARGET_KINDS = java.util.Set.of("node", "channel", "certificate",
            "deployment");

    private final MessageSource messages;
    private final SupervisorNotes supervisorNotes;

    public AlertTexts(MessageSource messages) {
        this.messages = messages;
        this.supervisorNotes = new SupervisorNotes(messages);
    }

    public String summary(Alert alert) {
        return render(alert.summaryKey(), alert.summaryArgs(), alert.summary(), LocaleContextHolder.getLocale());
    }

    /**
     * An alert's target in the reader's language: the evaluator writes it as words and names
     * ("node c2-h2-third-0", "node n1 channel main", "certificate 4f2a"), for the API and notifications.
     * A target not made of those words is shown as stored.
     */
    public String target(Alert alert) {
        return target(alert.target(), LocaleContextHolder.getLocale());
    }

    String target(String stored, Locale locale) {
        if (stored == null) {
            return null;
        }
        String[] words = stored.split(" ");
        if (words.length % 2 != 0) {
            return stored;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.length; i += 2) {
            if (!TARGET_KINDS.contains(words[i])) {
                return stored;
            }
            text.append(i == 0 ? "" : " ").append(messages.getMessage("alertTarget." + words[i],
                    new Object[] {words[i + 1]}, stored, locale));
        }
        return text.toString();
    }

    /** Why an alert was resolved, in the reader's language when the platform wrote it; else as stored. */
    public String resolution(Alert alert) {
        return resolution(alert.resolution(), LocaleContextHolder.getLocale());
    }

    String resolution(String stored, Locale locale) {
        return AlertResolution.of(stored).map(r -> messages.getMessage(r.key(), null, stored, locale)).orElse(stored);
    }

    /** An argument written {@code #{key}} is a message itself (a certificate's role, a deployment's action). */
    String render(String key, List<String> args, String fallback, Locale locale) {
        if (key == null) {
            return ReadableTimes.in(fallback);
        }
        Object[] values = args.stream().map(a -> a.startsWith("#{") && a.endsWith("}") ? nested(a, locale) : a)
                .toArray();
        if (key.startsWith(NODE_DOWN_WITH_NOTE) && key.endsWith("Note") && values.length > 0) {
            // the supervisor's sentences read in the reader's language; a node's own words stay as written
            values[values.length - 1] = supervisorNotes.text((String) values[values.length - 1], locale);
        }
        // instants (an argument, or inside a node's own words) read as times, not as the API writes them
        return ReadableTimes.in(messages.getMessage(key, values, fallback, locale));
    }

    /** A nested message, or its key's last part (the value itself, CLIENT_TLS) when the bundle lacks it. */
    private String nested(String arg, Locale locale) {
        String key = arg.substring(2, arg.length() - 1);
        return messages.getMessage(key, null, key.substring(key.lastIndexOf('.') + 1), locale);
    }
}
