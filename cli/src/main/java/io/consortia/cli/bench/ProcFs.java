package io.consortia.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time and process look-ups through Linux's /proc; every method degrades to "unknown"
 * (-1 or empty) elsewhere, so the benchmark still runs, without those columns.
 */
final class ProcFs {
    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcFs() {}

    /** CPU seconds (user + system, all threads) used so far by the process, or -1. */
    static double processCpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may contain spaces: split after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the name start at field 3 (state); utime is field 14, stime field 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds used so far by this JVM. */
    static double ownCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }

    /** {busy, total} jiffies of all CPUs since boot (first line of /proc/stat), or null. */
    static long[] machineJiffies() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 1-minute load average, or -1. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? -1 : load;
        }
    }

    /** A process whose command line contains {@code needle} (e.g. a node's config file), among {@code candidates}. */
    static OptionalLong find(Stream<ProcessHandle> candidates, String needle) {
        return candidates.filter(p -> commandLine(p.pid()).contains(needle)).mapToLong(ProcessHandle::pid).findFirst();
    }

    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
        }
    }
}
