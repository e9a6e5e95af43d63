package io.consortia.kubetest.controlplane;

import io.consortia.common.Processes;
import io.consortia.kubetest.KubeTestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One control-plane program, its output in a log file. */
final class ManagedProcess {
    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Path directory) {
        Path log = directory.resolve(name + ".log");
        try {
            Files.writeString(log, "# " + String.join(" ", command) + System.lineSeparator());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new KubeTestException("cannot start " + name + " (" + command.get(0) + "); its log: " + log, e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    void stop(Duration grace) {
        Processes.stop(process.toHandle(), grace);
    }

    /** The last lines of the log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * The log's error and fatal lines (klog's {@code E}/{@code F} prefixes, up to {@code max} of the last), which a
     * Go program's goroutine dump on exit would otherwise push out of a tail.
     */
    String errors(int max) {
        try {
            List<String> errors = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.matches("^[EF]\\d{4} .*") || line.startsWith("Error:")
                            || line.startsWith("panic:"))
                    .toList();
            return String.join(System.lineSeparator(), errors.subList(Math.max(0, errors.size() - max), errors.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String describe() {
        return name + (process.isAlive() ? " (running" : " (exited " + process.exitValue()) + ", log " + log + ")";
    }
}
