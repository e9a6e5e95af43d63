package io.consortia.node.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the node costs its machine: CPU time and resident memory of its process, bytes under its
 * data directory, free bytes and size of that file system. The process metrics carry the standard
 * Prometheus names ({@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}) so
 * that any Prometheus dashboard reads them; the platform draws them without one. When several
 * nodes share a JVM (tests), their process metrics are that JVM's.
 */
final class ResourceMetrics {
    private ResourceMetrics() {}

    static void register(NodeMetrics metrics, Path dataDir) {
        CounterWithCallback.builder().name("process_cpu_seconds_total")
                .help("CPU time the node's process used, in seconds").callback(cb -> {
                    Double seconds = cpuSeconds();
                    if (seconds != null) {
                        cb.call(seconds);
                    }
                }).register(metrics.registry());
        GaugeWithCallback.builder().name("process_resident_memory_bytes")
                .help("Resident memory of the node's process (VmRSS)").callback(cb -> {
                    Long bytes = residentBytes();
                    if (bytes != null) {
                        cb.call(bytes);
                    }
                }).register(metrics.registry());
        GaugeWithCallback.builder().name("consortia_data_dir_bytes")
                .help("Bytes of the files under the node's data directory (ledgers, Raft logs, state)")
                .callback(cb -> {
                    long bytes = directoryBytes(dataDir);
                    if (bytes >= 0) {
                        cb.call(bytes);
                    }
                }).register(metrics.registry());
        GaugeWithCallback.builder().name("consortia_data_dir_free_bytes")
                .help("Bytes still usable on the file system of the node's data directory")
                .callback(cb -> {
                    try {
                        cb.call(Files.getFileStore(dataDir).getUsableSpace());
                    } catch (IOException e) {
                        // the directory is gone (being deleted): no sample rather than a wrong one
                    }
                }).register(metrics.registry());
        // with the free bytes, how full the disk is: other files on it fill it as well as the node's
        GaugeWithCallback.builder().name("consortia_data_dir_filesystem_bytes")
                .help("Size of the file system holding the node's data directory")
                .callback(cb -> {
                    try {
                        cb.call(Files.getFileStore(dataDir).getTotalSpace());
                    } catch (IOException e) {
                        // the directory is gone (being deleted): no sample rather than a wrong one
                    }
                }).register(metrics.registry());
    }

    /** From the JVM's operating system bean; null where the JVM does not offer process CPU time. */
    static Double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? null : nanos / 1e9;
        }
        return null;
    }

    /** VmRSS of /proc/self/status (Linux); null elsewhere. */
    static Long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.replaceAll("[^0-9]", "");
                    return kilobytes.isEmpty() ? null : Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return null;
    }

    /**
     * Sum of regular files' sizes; -1 when the directory cannot be read. Files that vanish while
     * walking (RocksDB compactions, Raft log segments rolled) are skipped, not fatal.
     */
    static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        AtomicLong total = new AtomicLong();
        // a data directory that is itself a link (moved to another disk; Kubernetes' volume mounts) is walked
        // where it points: Files.walk does not enter a starting link, and following links below could loop
        try (Stream<Path> files = Files.walk(dir.toRealPath())) {
            files.forEach(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        total.addAndGet(attributes.size());
                    }
                } catch (IOException e) {
                    // removed meanwhile
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return total.get() > 0 ? total.get() : -1;
        }
        return total.get();
    }
}
