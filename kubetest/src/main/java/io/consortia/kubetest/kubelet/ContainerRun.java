package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Instant;

/** One container of a Pod across its restarts: the current process, its probes and what the last run ended with. */
final class ContainerRun {
    /** How a run ended. */
    record Termination(int exitCode, String reason, Instant startedAt, Instant finishedAt) {}

    final Container spec;
    final boolean init;
    final Path logDirectory;

    Process process;
    /** The environment the current process started with (exec probes run with it). */
    java.util.Map<String, String> environment = java.util.Map.of();
    Instant startedAt;
    long startNanos;
    int restartCount;
    int runs;
    int consecutiveFailures;
    Termination last;
    boolean finished;
    long nextStartNanos;
    String waitingReason = "ContainerCreating";
    String waitingMessage;
    ProbeState startup;
    ProbeState readiness;
    ProbeState liveness;

    ContainerRun(Container spec, boolean init, Path logDirectory) {
        this.spec = spec;
        this.init = init;
        this.logDirectory = logDirectory;
    }

    String name() {
        return spec.getName();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Started in Kubernetes' sense: running, and its startup probe (if any) has succeeded. */
    boolean started() {
        return running() && (startup == null || startup.result() == ProbeState.Result.SUCCESS);
    }

    boolean ready() {
        return started() && (readiness == null || readiness.result() == ProbeState.Result.SUCCESS);
    }

    /** The log of run {@code index} (0 = the first). */
    Path log(int index) {
        return logDirectory.resolve(index + ".log");
    }

    /** The current (or last) run's log; {@code previous}: the one before. */
    Path currentLog(boolean previous) {
        int index = Math.max(0, runs - 1) - (previous ? 1 : 0);
        return index < 0 ? null : log(index);
    }
}
