package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one benchmark run: a table for people ({@link #print}) and JSON for tracking
 * ({@link #writeJson}). Every field is always present in the JSON (null when not measured), so
 * that tools reading a series of reports see one shape.
 */
public record BenchReport(
        String tool,
        String startedAt,
        Setup setup,
        Machine machine,
        Result result,
        Latency latencyMillis,
        Blocks blocks,
        Cpu cpu,
        Limit limit,
        long[] committedPerSecond,
        List<NodeResult> nodes,
        Map<String, Long> problems,
        Profile profile) {

    /** Field names of the top-level object, in order: what the smoke test checks. */
    public static final List<String> FIELDS = List.of("tool", "startedAt", "setup", "machine", "result",
            "latencyMillis", "blocks", "cpu", "limit", "committedPerSecond", "nodes", "problems", "profile");

    /**
     * What was run. {@code rateTps} is null in throughput (closed-loop) mode; {@code connections} is
     * how many gRPC connections the clients shared and {@code submitCallsInFlight} the SDK's limit of
     * submit calls on each (both null through the gateway, which is HTTP).
     */
    public record Setup(String workload, String workloadDescription, String network, String mode, int nodes,
            int organizations, String scheme, int clients, Integer connections, Integer submitCallsInFlight, int transactionsPerCall, double warmupSeconds,
            double durationSeconds, Double rateTps, boolean presign, boolean certificateIds) {}

    /**
     * One node as its clients saw it: committed transactions sent to it and their latency, its
     * CPU, the transactions it applied per second during the window (all nodes apply every
     * block; one that gets less CPU falls behind), and its chain height at the end of the window
     * against the highest (a node whose apply lags answers its clients late). Null fields were
     * not measurable.
     */
    public record NodeResult(String node, String organization, int clients, long committed, double p50Millis,
            double p99Millis, Double cpuCores, Double appliedTps, Long heightAtEnd, Long blocksBehind) {}

    /** Where it ran; the load averages show whether something else competed for the cores. */
    public record Machine(int cores, String cpuModel, String java, String os, double loadAverageBefore,
            double loadAverageAfter) {}

    /**
     * Counts in the measurement window. {@code sentTps} is the offered load actually achieved;
     * {@code invalidByDesign} marks workloads (contention) whose invalid transactions are expected.
     * {@code presigned} transactions were signed before the warm-up, {@code signedDuringRun} by
     * the clients while running (all of them with {@code --sign-live}). {@code slowestNodeAppliedTps}
     * is the rate at which the slowest node applied blocks in the window: when it is well below
     * {@code throughputTps}, that node is falling behind and the throughput is not sustainable.
     */
    public record Result(long committed, double throughputTps, Double slowestNodeAppliedTps, long sent, double sentTps,
            long invalid, long rejected, long failed, boolean invalidByDesign, long presigned, long signedDuringRun,
            String firstProblem) {}

    /** Submit-to-commit latency of committed valid transactions, as the client sees it. */
    public record Latency(double p50, double p95, double p99, double max, double mean, long samples) {}

    /**
     * Blocks made in the window (from the chain height), their mean size, and the histogram bucket
     * bounds holding the median and the largest block (from a node's metrics; null if unavailable).
     */
    public record Blocks(long count, double meanTransactions, Double medianAtMost, Double largestAtMost) {}

    /**
     * CPU in cores (1.0 = one core busy for the whole window). {@code nodesCores},
     * {@code perNodeCores} and {@code nodeThreadCores} are null when nodes run inside the
     * benchmark JVM (their threads then show in {@code benchThreadCores}) or their processes were
     * not found. {@code jitCores} is the part spent in JIT compiler threads, i.e. warm-up still
     * going on; {@code microsPerTransaction} is the CPU of the benchmark JVM and the nodes without
     * it, per committed transaction; {@code nodesMicrosPerTransaction} the nodes' CPU alone, JIT
     * included, per committed transaction (what a network costs per transaction, whatever the
     * clients spend). {@code machineBusyPercent} is all CPU use of the machine,
     * whoever caused it, and {@code otherCores} what other processes used: a measurement with much
     * of it competed with something else and should be repeated.
     */
    public record Cpu(double benchJvmCores, Double nodesCores, Map<String, Double> perNodeCores, Double jitCores,
            Double microsPerTransaction, Double nodesMicrosPerTransaction, Map<String, Double> nodeThreadCores,
            Map<String, Double> benchThreadCores, Double machineBusyPercent, Double otherCores) {}

    /**
     * The machine's limit: {@code cores × verifiesPerSecondPerCore ÷ (nodes × verifiesPerTransactionPerNode)}.
     * {@code verifiesPerSecondPerCore} counts verifications per CPU-second of one thread (so that other
     * load on the machine does not lower it); {@code oneThreadWallClock} and {@code allCoresWallClock}
     * are {@code SignatureBenchmark}'s per wall-clock second with 1 thread and with every core.
     * {@code beforeRunPerCpuSecond} and {@code afterRunPerCpuSecond} (null until measured) are the two measurements, made before the nodes start and after they stop:
     * these vCPUs change speed by up to a third between minutes, and the higher of the two sets
     * the limit, so a slow moment at the start cannot flatter the fraction.
     */
    public record Limit(int cores, double verifiesPerSecondPerCore, double oneThreadWallClock,
            double allCoresWallClock, int nodes, int verifiesPerTransactionPerNode, double limitTps,
            double fractionOfLimit, double beforeRunPerCpuSecond, Double afterRunPerCpuSecond) {}

    /**
     * {@code --profile}: which profiler, where its files are, and — from async-profiler — the
     * nodes' CPU by subsystem in per cent of all samples (null without {@code --profile}).
     */
    public record Profile(String profiler, String directory, Long samples, Double sampledSecondsPerNode,
            List<Share> subsystems) {}

    /** One subsystem's share of the profiled CPU, and the part of it spent in the kernel. */
    public record Share(String subsystem, double percent, double kernelPercent) {}

    /** The same report with the limit measured again after the run. */
    BenchReport withLimit(Limit remeasured) {
        return new BenchReport(tool, startedAt, setup, machine, result, latencyMillis, blocks, cpu, remeasured,
                committedPerSecond, nodes, problems, profile);
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            mapper().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void print(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("workload", setup.workload() + " — " + setup.workloadDescription()));
        rows.add(row("network", setup.network() + ", " + setup.scheme()));
        rows.add(row("load", setup.clients() + " clients x " + setup.transactionsPerCall() + " tx per call, "
                + (setup.connections() == null || setup.connections() == setup.clients() ? ""
                        : "sharing " + setup.connections() + " connections (" + setup.submitCallsInFlight()
                                + " submit calls in flight on each), ")
                + (setup.rateTps() == null ? "as fast as answered" : "fixed rate " + fmt(setup.rateTps(), 0) + " tx/s")
                + "; " + fmt(setup.warmupSeconds(), 0) + " s warm-up, " + fmt(setup.durationSeconds(), 0) + " s measured"));
        rows.add(row("signing", "gateway".equals(setup.mode())
                ? "requests signed with access keys; transactions signed by the platform as each application"
                : (setup.presign() ? String.format(Locale.ROOT,
                "%,d pre-signed before the warm-up, %,d signed while running", result.presigned(),
                result.signedDuringRun()) : "by the clients while running (--sign-live)")
                + (setup.certificateIds() ? "; creators name their registered certificate by id"
                        : "; every transaction carries its creator's certificate (--carry-certificates)")));
        rows.add(row("committed (valid)", String.format(Locale.ROOT, "%,d", result.committed())));
        rows.add(row("throughput", fmt(result.throughputTps(), 1) + " tx/s committed"
                + (setup.rateTps() == null ? "" : " (sent " + fmt(result.sentTps(), 1) + " tx/s)")
                + (result.slowestNodeAppliedTps() == null ? "" : "; slowest node applied "
                + fmt(result.slowestNodeAppliedTps(), 1) + " tx/s")));
        rows.add(row("latency p50/p95/p99/max", String.format(Locale.ROOT, "%s / %s / %s / %s ms",
                fmt(latencyMillis.p50(), 1), fmt(latencyMillis.p95(), 1), fmt(latencyMillis.p99(), 1),
                fmt(latencyMillis.max(), 1))));
        rows.add(row("invalid / rejected / failed", result.invalid() + " / " + result.rejected() + " / " + result.failed()
                + (result.invalidByDesign() ? "  (invalid by design: contention)" : "")));
        rows.add(row("blocks", String.format(Locale.ROOT, "%,d, mean %s tx%s", blocks.count(),
                fmt(blocks.meanTransactions(), 1), blocks.medianAtMost() == null ? ""
                        : ", median <= " + fmt(blocks.medianAtMost(), 0) + ", largest <= "
                        + fmt(blocks.largestAtMost(), 0))));
        StringBuilder cpuText = new StringBuilder("bench JVM " + fmt(cpu.benchJvmCores(), 2) + " cores");
        if (cpu.nodesCores() != null) {
            cpuText.append(", nodes ").append(fmt(cpu.nodesCores(), 2)).append(" cores");
        }
        if (cpu.jitCores() != null) {
            cpuText.append(" (JIT compiler ").append(fmt(cpu.jitCores(), 2)).append(")");
        }
        if (cpu.machineBusyPercent() != null) {
            cpuText.append(", machine ").append(fmt(cpu.machineBusyPercent(), 0)).append(" % busy");
        }
        if (cpu.otherCores() != null) {
            cpuText.append(", other processes ").append(fmt(cpu.otherCores(), 2)).append(" cores");
        }
        rows.add(row("CPU", cpuText.toString()));
        if (cpu.microsPerTransaction() != null) {
            rows.add(row("CPU per transaction", fmt(cpu.microsPerTransaction(), 0)
                    + " µs (bench JVM + nodes, JIT excluded)"));
        }
        if (cpu.nodesMicrosPerTransaction() != null) {
            rows.add(row("nodes' CPU per transaction", fmt(cpu.nodesMicrosPerTransaction(), 0)
                    + " µs (JIT included)"));
        }
        if (cpu.nodeThreadCores() != null) {
            rows.add(row("node threads (cores)", threads(cpu.nodeThreadCores())));
        }
        if (cpu.benchThreadCores() != null) {
            rows.add(row("bench JVM threads", threads(cpu.benchThreadCores())));
        }
        rows.add(row("verify speed", fmt(limit.verifiesPerSecondPerCore(), 0) + "/s per CPU-second ("
                + (limit.afterRunPerCpuSecond() == null ? "" : "the higher of " + fmt(limit.beforeRunPerCpuSecond(), 0)
                        + " before the run and " + fmt(limit.afterRunPerCpuSecond(), 0) + " after; ")
                + "wall clock: " + fmt(limit.oneThreadWallClock(), 0) + "/s on 1 thread, "
                + fmt(limit.allCoresWallClock(), 0) + "/s on " + limit.cores() + ")"));
        rows.add(row("limit", String.format(Locale.ROOT, "%d cores x %s/s / (%d nodes x %d) = %s tx/s",
                limit.cores(), fmt(limit.verifiesPerSecondPerCore(), 0), limit.nodes(),
                limit.verifiesPerTransactionPerNode(), fmt(limit.limitTps(), 0))));
        rows.add(row("fraction of limit", fmt(100 * limit.fractionOfLimit(), 1) + " %"));
        rows.add(row("machine", machine.cores() + " cores (" + machine.cpuModel() + "), " + machine.java()
                + ", load " + fmt(machine.loadAverageBefore(), 2) + " -> " + fmt(machine.loadAverageAfter(), 2)));
        for (NodeResult n : nodes) {
            rows.add(row("  via " + n.node(), String.format(Locale.ROOT, "%,d committed by %d client(s), p50 %s ms, p99 %s ms%s%s%s",
                    n.committed(), n.clients(), fmt(n.p50Millis(), 0), fmt(n.p99Millis(), 0),
                    n.cpuCores() == null ? "" : ", CPU " + fmt(n.cpuCores(), 2) + " cores",
                    n.appliedTps() == null ? "" : ", applied " + fmt(n.appliedTps(), 0) + " tx/s",
                    n.blocksBehind() == null ? "" : ", " + n.blocksBehind() + " blocks behind at the end")));
        }
        if (profile != null) {
            String top = profile.subsystems().stream().limit(4)
                    .map(sh -> sh.subsystem() + " " + fmt(sh.percent(), 1) + " %")
                    .collect(java.util.stream.Collectors.joining(", "));
            rows.add(row("profile", profile.profiler() + " in " + profile.directory() + (top.isEmpty() ? "" : ": " + top)));
        }
        if (!problems.isEmpty()) {
            rows.add(row("problems", problems.toString()));
            rows.add(row("first problem", String.valueOf(result.firstProblem())));
        }
        table(out, "Consortia benchmark, " + startedAt, rows);
    }

    private static String threads(Map<String, Double> cores) {
        StringBuilder text = new StringBuilder();
        cores.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getValue() >= 0.005)
                .forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(fmt(e.getValue(), 2)));
        return text.toString();
    }

    static void table(PrintStream out, String title, List<String[]> rows) {
        int left = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        int right = rows.stream().mapToInt(r -> r[1].length()).max().orElse(10);
        String line = "+" + "-".repeat(left + 2) + "+" + "-".repeat(right + 2) + "+";
        out.println(title);
        out.println(line);
        for (String[] r : rows) {
            out.printf("| %-" + left + "s | %-" + right + "s |%n", r[0], r[1]);
        }
        out.println(line);
        out.flush();
    }

    static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
