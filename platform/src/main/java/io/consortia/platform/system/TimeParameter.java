package io.consortia.platform.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time given as a request parameter, as scripts and the console's date-time fields send it. */
public final class TimeParameter {
    private TimeParameter() {}

    /**
     * An ISO-8601 instant, or a local date-time taken as UTC (what a browser's date-time field
     * sends; the console labels those fields UTC), or a date alone, its start in UTC (what a
     * browser's date field sends, and what an auditor types); blank is null.
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw PlatformException.invalid(name + " must be an ISO-8601 time such as 2026-12-02T21:00:00Z"
                            + " (without an offset: UTC; a date alone: its start in UTC), was "
                            + (value.length() > 40 ? value.substring(0, 40) + "…" : value));
                }
            }
        }
    }
}
