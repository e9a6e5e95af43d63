package io.consortia.platform.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instants inside a text the platform wrote for machines and mail (an alert's summary, a node's
 * last error: "since 2026-12-06T07:15:03.125Z") as a reader reads a time, "2026-12-06 07:15:03
 * UTC", the form of the console's other UTC times. The stored text keeps the instant.
 */
public final class ReadableTimes {
    /** As {@link Instant#toString()} writes an instant. */
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReadableTimes() {}

    /** {@code text} with every instant in it readable; null stays null. */
    public static String in(String text) {
        if (text == null || text.indexOf('T') < 0) {
            return text;
        }
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(readable(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String readable(String instant) {
        try {
            return READABLE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant; // 2026-13-40T...: not a time after all
        }
    }
}
