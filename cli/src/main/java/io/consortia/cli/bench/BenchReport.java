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
        Map<String, Long> problems) {

    /** Field names of the top-level object, in order: what the smoke test checks. */
    public static final List<String> FIELDS = List.of("tool", "startedAt", "setup", "machine", "result",
            "latencyMillis", "blocks", "cpu", "limit", "committedPerSecond", "problems");

    /** What was run. {@code rateTps} is null in throughput (closed-loop) mode. */
    public record Setup(String workload, String workloadDescription, String network, String mode, int nodes,
            int organizations, String scheme, int clients, int transactionsPerCall, double warmupSeconds,
            double durationSeconds, Double rateTps) {}

    /** Where it ran; the load averages show whether something else competed for the cores. */
    public record Machine(int cores, String cpuModel, String java, String os, double loadAverageBefore,
            double loadAverageAfter) {}

    /**
     * Counts in the measurement window. {@code sentTps} is the offered load actually achieved;
     * {@code invalidByDesign} marks workloads (contention) whose invalid transactions are expected.
     */
    public record Result(long committed, double throughputTps, long sent, double sentTps, long invalid,
            long rejected, long failed, boolean invalidByDesign, String firstProblem) {}

    /** Submit-to-commit latency of committed valid transactions, as the client sees it. */
    public record Latency(double p50, double p95, double p99, double max, double mean, long samples) {}

    /**
     * Blocks made in the window (from the chain height), their mean size, and the histogram bucket
     * bounds holding the median and the largest block (from a node's metrics; null if unavailable).
     */
    public record Blocks(long count, double meanTransactions, Double medianAtMost, Double largestAtMost) {}

    /**
     * CPU in cores (1.0 = one core busy for the whole window). {@code nodesCores} and
     * {@code perNodeCores} are null when nodes run inside the benchmark JVM or their processes
     * were not found; {@code machineBusyPercent} is all CPU use of the machine, whoever caused it.
     */
    public record Cpu(double benchJvmCores, Double nodesCores, Map<String, Double> perNodeCores,
            Double machineBusyPercent) {}

    /**
     * The machine's limit: {@code cores × verifiesPerSecondPerCore ÷ (nodes × verifiesPerTransactionPerNode)}.
     */
    public record Limit(int cores, double verifiesPerSecondPerCore, double verifiesPerSecondAllCores, int nodes,
            int verifiesPerTransactionPerNode, double limitTps, double fractionOfLimit) {}

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
                + (setup.rateTps() == null ? "as fast as answered" : "fixed rate " + fmt(setup.rateTps(), 0) + " tx/s")
                + "; " + fmt(setup.warmupSeconds(), 0) + " s warm-up, " + fmt(setup.durationSeconds(), 0) + " s measured"));
        rows.add(row("committed (valid)", String.format(Locale.ROOT, "%,d", result.committed())));
        rows.add(row("throughput", fmt(result.throughputTps(), 1) + " tx/s committed"
                + (setup.rateTps() == null ? "" : " (sent " + fmt(result.sentTps(), 1) + " tx/s)")));
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
        if (cpu.machineBusyPercent() != null) {
            cpuText.append(", machine ").append(fmt(cpu.machineBusyPercent(), 0)).append(" % busy");
        }
        rows.add(row("CPU", cpuText.toString()));
        rows.add(row("verify speed", fmt(limit.verifiesPerSecondPerCore(), 0) + "/s on 1 core, "
                + fmt(limit.verifiesPerSecondAllCores(), 0) + "/s on " + limit.cores() + " cores"));
        rows.add(row("limit", String.format(Locale.ROOT, "%d cores x %s/s / (%d nodes x %d) = %s tx/s",
                limit.cores(), fmt(limit.verifiesPerSecondPerCore(), 0), limit.nodes(),
                limit.verifiesPerTransactionPerNode(), fmt(limit.limitTps(), 0))));
        rows.add(row("fraction of limit", fmt(100 * limit.fractionOfLimit(), 1) + " %"));
        rows.add(row("machine", machine.cores() + " cores (" + machine.cpuModel() + "), " + machine.java()
                + ", load " + fmt(machine.loadAverageBefore(), 2) + " -> " + fmt(machine.loadAverageAfter(), 2)));
        if (!problems.isEmpty()) {
            rows.add(row("problems", problems.toString()));
            rows.add(row("first problem", String.valueOf(result.firstProblem())));
        }
        table(out, "Consortia benchmark, " + startedAt, rows);
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
