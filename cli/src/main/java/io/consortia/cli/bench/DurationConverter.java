package io.consortia.cli.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "30s", "500ms", "2m", "1h", ISO-8601 ("PT30S") or a plain number of seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(value.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            double number;
            long unitMillis;
            if (v.endsWith("s")) {
                number = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMillis = 1000;
            } else if (v.endsWith("m")) {
                number = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMillis = 60_000;
            } else if (v.endsWith("h")) {
                number = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMillis = 3_600_000;
            } else {
                number = Double.parseDouble(v);
                unitMillis = 1000;
            }
            if (number < 0) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return Duration.ofMillis(Math.round(number * unitMillis));
        } catch (RuntimeException e) {
            if (e instanceof TypeConversionException t) {
                throw t;
            }
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 30s, 500ms, 2m)");
        }
    }
}
