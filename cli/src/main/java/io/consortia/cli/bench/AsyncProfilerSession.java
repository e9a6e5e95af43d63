package io.consortia.cli.bench;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.consortia.common.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * async-profiler attached to every node process for exactly the measured window. It samples
 * what is on the CPU — Java, the JIT's own threads, native libraries (RocksDB, OpenSSL) and the
 * kernel under them — which JFR cannot: JFR samples only Java frames, and counts threads that
 * wait for a core as if they ran (docs/performance-findings.md, finding 9). Per node it writes
 * {@code <node>.html} (flame graph) and {@code <node>.collapsed} (one stack per line); over all
 * nodes {@code breakdown.txt}, the share of the nodes' CPU per subsystem ({@link ProfileBreakdown}).
 *
 * <p>The native library ships in the {@code tools.profiler:async-profiler} jar and is loaded
 * through the JDK's attach API. Sampling uses perf events ({@code event=cpu}) where the kernel
 * allows them and falls back to a CPU-time timer ({@code itimer}, no kernel frames) otherwise.
 */
final class AsyncProfilerSession implements Profiler {
    private static final String INTERVAL = "interval=4ms";

    private final Path dir;
    private final Path library;
    private final List<BenchTarget.TargetNode> nodes;
    private final PrintStream err;
    private final Map<BenchTarget.TargetNode, Started> started = new LinkedHashMap<>();

    /** Sampling began on a node at {@code nanos} (after the attach, which takes seconds when cores are busy). */
    private record Started(String event, long nanos) {}

    private AsyncProfilerSession(Path dir, Path library, List<BenchTarget.TargetNode> nodes, PrintStream err) {
        this.dir = dir;
        this.library = library;
        this.nodes = nodes;
        this.err = err;
    }

    /**
     * Unpacks the library into {@code dir}.
     *
     * @throws IOException if this platform has no library in the jar (async-profiler supports Linux x64 and arm64 here)
     */
    static AsyncProfilerSession prepare(Path dir, List<BenchTarget.TargetNode> nodes, PrintStream err) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        return new AsyncProfilerSession(abs, unpackLibrary(abs), nodes, err);
    }

    static Path unpackLibrary(Path dir) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String platform = !os.contains("linux") ? null
                : arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : null;
        if (platform == null) {
            throw new IOException("async-profiler has no library for " + os + "/" + arch + " in this build; use --profiler jfr");
        }
        String resource = "/" + platform + "/libasyncProfiler.so";
        try (InputStream in = AsyncProfilerSession.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("async-profiler's " + resource + " is not on the class path; use --profiler jfr");
            }
            Path target = dir.resolve("libasyncProfiler.so");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    /**
     * Attaches to all nodes at once: attaching takes seconds on a saturated machine, and one
     * after the other the last node's window would be shorter than the first's.
     */
    @Override
    public void windowStarted() {
        Map<BenchTarget.TargetNode, CompletableFuture<Started>> starts = new LinkedHashMap<>();
        ExecutorService pool = parallel(nodes.size());
        for (BenchTarget.TargetNode node : nodes) {
            if (node.pid() <= 0) {
                err.println("[bench] " + node.id() + " runs in this JVM or was not found: not profiled");
                continue;
            }
            starts.put(node, CompletableFuture.supplyAsync(() -> start(node), pool));
        }
        starts.forEach((node, event) -> {
            Started e = event.join();
            if (e != null) {
                started.put(node, e);
            }
        });
        pool.shutdown();
        if (!started.isEmpty()) {
            err.println("[bench] async-profiler sampling " + started.size() + " node(s) every 4 ms ("
                    + String.join(", ", started.values().stream().map(Started::event).distinct().toList()) + ")");
        }
    }

    /** Starts sampling with the first event the node's kernel allows; null if none. */
    private Started start(BenchTarget.TargetNode node) {
        for (String candidate : List.of("cpu", "itimer")) {
            try {
                load(node.pid(), "start,event=" + candidate + "," + INTERVAL + ",threads");
                return new Started(candidate, System.nanoTime());
            } catch (IOException e) {
                err.println("[bench] async-profiler event=" + candidate + " on " + node.id() + ": " + e.getMessage());
            }
        }
        return null;
    }

    private static ExecutorService parallel(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), DaemonThreads.named("bench-profiler-attach"));
    }

    @Override
    public BenchReport.Profile stop(long windowSeconds) throws IOException {
        ExecutorService pool = parallel(started.size());
        Map<BenchTarget.TargetNode, CompletableFuture<Path>> stops = new LinkedHashMap<>();
        java.util.concurrent.atomic.DoubleAdder sampledSeconds = new java.util.concurrent.atomic.DoubleAdder();
        for (BenchTarget.TargetNode node : started.keySet()) {
            stops.put(node, CompletableFuture.supplyAsync(() -> {
                Path collapsed = dir.resolve(node.id() + ".collapsed");
                try {
                    sampledSeconds.add((System.nanoTime() - started.get(node).nanos()) / 1e9);
                    // collapsed first: it is what the window's numbers come from
                    load(node.pid(), "stop,file=" + collapsed + ",collapsed");
                    load(node.pid(), "dump,file=" + dir.resolve(node.id() + ".html"));
                    return collapsed;
                } catch (IOException e) {
                    err.println("[bench] async-profiler on " + node.id() + " could not stop: " + e.getMessage());
                    return null;
                }
            }, pool));
        }
        List<Path> stacks = new ArrayList<>();
        stops.values().forEach(f -> {
            Path p = f.join();
            if (p != null) {
                stacks.add(p);
            }
        });
        pool.shutdown();
        if (stacks.isEmpty()) {
            err.println("[bench] no profile was recorded");
            return null;
        }
        ProfileBreakdown breakdown = ProfileBreakdown.of(stacks);
        double seconds = sampledSeconds.sum() / stacks.size();
        String table = breakdown.render(seconds);
        Files.writeString(dir.resolve("breakdown.txt"), table);
        err.print(table);
        err.println("[bench] profiles in " + dir + " (<node>.html flame graphs, <node>.collapsed, breakdown.txt)");
        return breakdown.toReport(dir.toString(), seconds);
    }

    private void load(long pid, String options) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException("'" + options.split(",")[0] + "' refused: " + e.getMessage(), e);
        } finally {
            vm.detach();
        }
    }
}
