package io.consortia.platform.console;

import io.consortia.platform.web.ReadableTimes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Formatting helpers for templates ({@code ${@fmt.time(millis)}}). Times are UTC whatever zone the server
 * runs in, and say so: a tester in Beijing read an explorer time as local, eight hours off.
 */
@Component("fmt")
public class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String time(Long epochMillis) {
        return epochMillis == null ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A text the platform wrote (a node's last error) with the instants in it readable, "2026-12-06 07:15:03 UTC". */
    public String times(String text) {
        return ReadableTimes.in(text);
    }

    /** Seconds from {@code startMillis} to {@code endMillis}, or to now while it runs. */
    public long seconds(long startMillis, Long endMillis) {
        return ((endMillis == null ? System.currentTimeMillis() : endMillis) - startMillis) / 1000;
    }

    public String lines(List<String> lines) {
        return String.join("\n", lines);
    }

    public String shortHash(String hash) {
        return hash == null || hash.length() <= 16 ? hash : hash.substring(0, 10) + "…" + hash.substring(hash.length() - 6);
    }
}
