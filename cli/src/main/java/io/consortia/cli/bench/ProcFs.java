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

    /**
     * CPU seconds used so far by the process's threads, summed by {@link #threadGroup} of their
     * names (Linux truncates names to 15 characters); empty if unknown.
     */
    static java.util.Map<String, Double> cpuSecondsByThreadGroup(long pid) {
        java.util.Map<String, Double> groups = new java.util.TreeMap<>();
        if (pid <= 0) {
            return groups;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    groups.merge(threadGroup(name), seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between list and read
                }
            }
        } catch (IOException | RuntimeException e) {
            groups.clear();
        }
        return groups;
    }

    /**
     * What a thread does, from its (truncated) name: signature verification pool, the Raft
     * group's threads (the state machine's apply thread — execution, its share of
     * verification, the RocksDB commit — and the log worker and appenders), gRPC, the
     * batcher, JIT compilers, GC and VM threads, benchmark clients, or other. gRPC includes the
     * node's executor of submit calls ({@code submit-N}).
     */
    static String threadGroup(String name) {
        if (name.startsWith("verify")) {
            return "verify pool";
        }
        if (name.contains("@grou")) {
            return "raft group (apply, log)";
        }
        if (name.contains("CompilerThre")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM ")) {
            return "gc+vm";
        }
        if (name.startsWith("grpc-") || name.startsWith("submit-")) {
            return "grpc"; // submit-N: the node's own executor of Submit and SubmitBatch calls
        }
        if (name.matches(".*-node\\d*-(serv|clie).*")) {
            return "raft rpc"; // Ratis' event loops, "<nodeId>-server-thread"/"-client-thread" (testkit node ids)
        }
        if (name.startsWith("batcher")) {
            return "batcher";
        }
        if (name.startsWith("bench-client") || name.startsWith("bench-presign")) {
            return "bench clients";
        }
        return "other";
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
