package io.consortia.platform.monitoring;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's log text as entries: a line that starts with a date and time (the node's logback
 * pattern {@code yyyy-MM-dd HH:mm:ss.SSS}, or ISO-8601 with an offset as a cluster's log API
 * prefixes it) begins an entry; the lines after it without one (a stack trace) belong to it.
 * Times without an offset are in {@code zone}: the zone of the machine the node runs on,
 * which for local nodes is the platform's.
 */
final class LogEntries {
    private static final Pattern STAMP = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})?(?=\\s|$)");

    /**
     * @param at when it was written; null for lines before the first dated one (the log's tail began mid-entry)
     * @param text the entry's lines
     */
    record Entry(Instant at, String text) {}

    private LogEntries() {}

    static List<Entry> parse(String log, ZoneId zone) {
        List<Entry> entries = new ArrayList<>();
        Instant at = null;
        StringBuilder text = null;
        for (String line : log.split("\n", -1)) {
            if (line.isEmpty() && text == null) {
                continue;
            }
            Instant stamp = time(line, zone);
            if (stamp != null || text == null) {
                if (text != null) {
                    entries.add(new Entry(at, text.toString().stripTrailing()));
                }
                at = stamp;
                text = new StringBuilder(line);
            } else {
                text.append('\n').append(line);
            }
        }
        if (text != null && !text.isEmpty()) {
            entries.add(new Entry(at, text.toString().stripTrailing()));
        }
        return entries;
    }

    /** The time a line starts with; null when it starts with none. */
    static Instant time(String line, ZoneId zone) {
        Matcher m = STAMP.matcher(line);
        if (!m.find()) {
            return null;
        }
        String local = m.group(1) + "T" + m.group(2).replace(',', '.');
        try {
            if (m.group(3) == null) {
                return LocalDateTime.parse(local).atZone(zone).toInstant();
            }
            String offset = m.group(3).equals("Z") || m.group(3).contains(":") ? m.group(3)
                    : m.group(3).substring(0, 3) + ":" + m.group(3).substring(3);
            return OffsetDateTime.parse(local + offset).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
