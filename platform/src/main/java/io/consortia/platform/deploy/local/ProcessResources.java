package io.consortia.platform.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this machine knows of a local node's process: CPU time and resident memory. */
final class ProcessResources {
    private ProcessResources() {}

    /** CPU time used so far, in seconds; null when the operating system does not tell. */
    static Double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(null);
    }

    /** VmRSS from /proc (Linux); null elsewhere or when the process is gone. */
    static Long residentBytes(long pid) {
        try {
            return residentBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return null;
        }
    }

    /** VmRSS of a /proc/[pid]/status text, in bytes; null when it has none. */
    static Long residentBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String kilobytes = line.replaceAll("[^0-9]", "");
                return kilobytes.isEmpty() ? null : Long.parseLong(kilobytes) * 1024;
            }
        }
        return null;
    }
}
