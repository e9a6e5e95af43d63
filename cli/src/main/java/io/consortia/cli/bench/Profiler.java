package io.consortia.cli.bench;

import java.io.IOException;

/**
 * A CPU profile of the measured window for {@code --profile}: {@link AsyncProfilerSession}
 * (default: on-CPU samples of Java, native and kernel code alike) or {@link JfrProfiler}.
 */
interface Profiler {
    /** {@code --profiler} values. */
    enum Kind { ASYNC, JFR }

    /** "async" or "jfr", any case. */
    final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a profiler: use async or jfr");
            }
        }
    }

    /** The measured window begins now. */
    default void windowStarted() {}

    /** The window of {@code windowSeconds} ended now: write the profiles; what the report says of them. */
    BenchReport.Profile stop(long windowSeconds) throws IOException;
}
