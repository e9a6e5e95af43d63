package io.consortia.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What {@code consortia bench} reports besides its table: JSON, the verification limit, profiles. */
final class ReportOptions {
    @Option(names = "--json", description = "also write the report as JSON to this file")
    Path json;

    @Option(names = "--verify-seconds", defaultValue = "1s", converter = DurationConverter.class,
            description = "time of each signature-verification measurement (default ${DEFAULT-VALUE})")
    Duration verifyTime;

    @Option(names = "--profile", description = "profile every node process during the measured window into this "
            + "directory: with async-profiler, <node>.html flame graphs, <node>.collapsed stacks and breakdown.txt (CPU "
            + "by subsystem, also printed); with JFR, <node>.jfr (nodes record from their start) and bench-jvm.jfr")
    Path profileDir;

    @Option(names = "--profiler", defaultValue = "async", converter = Profiler.KindConverter.class,
            description = "async (async-profiler: Java, native and kernel code on the CPU; default) or jfr")
    Profiler.Kind profilerKind;
}
