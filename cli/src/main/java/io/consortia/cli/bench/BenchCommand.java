package io.consortia.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code consortia bench}: a Caliper-style benchmark. Starts a network (or targets one that
 * {@code consortia up} runs), drives it with C concurrent clients for a fixed duration after a
 * warm-up, and reports committed transactions per second, submit-to-commit latency
 * percentiles, invalid/rejected/failed counts, CPU use and block sizes, next to the machine's
 * limit from signature verification speed. Human table on stdout, a progress line per second
 * on stderr, JSON with {@code --json}. The options come in groups ({@link NetworkOptions},
 * {@link LoadOptions}, {@link ReportOptions}, {@link TimeToNetworkOptions}); a run is a
 * {@link BenchRun}, {@code --time-to-network} a {@link TimeToNetworkRun}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a network: committed tx/s, submit-to-commit latency, CPU, block sizes, "
                + "and throughput as a fraction of this machine's signature-verification limit.",
                "Default: 4 organisations x 1 node (one process each) on loopback, notarization, 8 clients, "
                + "10 s warm-up + 20 s measured (about a minute in all with start-up on 2 cores). Published "
                + "figures use a longer warm-up (e.g. --warmup 120s): four node JVMs on two cores are still "
                + "compiling for minutes."})
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    LoadOptions load = new LoadOptions();

    @Mixin
    ReportOptions report = new ReportOptions();

    @Mixin
    TimeToNetworkOptions timeToNetwork = new TimeToNetworkOptions();

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private BenchReport lastReport;

    public BenchCommand() {
        this(System.out, System.err);
    }

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** The report of the last run (for tests). */
    BenchReport lastReport() {
        return lastReport;
    }

    @Override
    public Integer call() throws Exception {
        refuseNodeJavaHomeWhereIgnored();
        if (timeToNetwork.timeToNetwork) {
            return new TimeToNetworkRun(timeToNetwork, network, report, out, err, this::badOption).run();
        }
        validate();
        if (gateway.gateway) {
            return finish(new GatewayRun(network, load, report, timeToNetwork, err, this::badOption).run(),
                    network.scheme);
        }
        Workload workload = Workloads.of(load.workload, load.hotAssets);
        if (network.target == null && network.nodes < workload.minimumOrganizations()) {
            throw badOption("--workload " + workload.name() + " needs " + workload.minimumOrganizations()
                    + " organisations: use --nodes " + workload.minimumOrganizations() + " or more");
        }
        String started = now();
        double loadBefore = ProcFs.loadAverage();
        Duration verifyTime = report.verifyTime;
        BenchTarget target;
        BenchReport.Limit limit;
        if (network.target != null) {
            target = new DirectoryTarget(network.target);
            err.printf(Locale.ROOT, "[bench] measuring %s signature verification (1 thread, then %d) ...%n",
                    target.scheme(), Runtime.getRuntime().availableProcessors());
            limit = VerifyLimit.measure(target.scheme(), verifyTime, target.nodes().size());
        } else {
            // measured before the nodes start, while nothing of ours competes for the cores
            err.printf(Locale.ROOT, "[bench] measuring %s signature verification (1 thread, then %d) ...%n",
                    network.scheme, Runtime.getRuntime().availableProcessors());
            limit = VerifyLimit.measure(network.scheme, verifyTime, network.nodes);
            target = startNetwork();
        }
        err.printf(Locale.ROOT, "[bench] verify %,.0f/s per core (wall clock %,.0f/s on 1 thread, %,.0f/s on %d)"
                        + " -> limit %,.0f tx/s for %d nodes%n", limit.verifiesPerSecondPerCore(),
                limit.oneThreadWallClock(), limit.allCoresWallClock(), limit.cores(), limit.limitTps(), limit.nodes());
        try (BenchTarget net = target) {
            lastReport = new BenchRun(load, report, err).run(net, workload, limit, started, loadBefore);
        }
        return finish(lastReport, network.target != null ? target.scheme() : network.scheme);
    }

    private int finish(BenchReport run, io.consortia.crypto.SignatureScheme scheme) {
        // the load has stopped (and nodes started here with it): measure again, on a machine as quiet as before
        lastReport = run.withLimit(VerifyLimit.afterRun(run.limit(), scheme, report.verifyTime,
                run.result().throughputTps()));
        lastReport.print(out);
        if (report.json != null) {
            lastReport.writeJson(report.json);
            err.println("[bench] JSON report written to " + report.json.toAbsolutePath());
        }
        return lastReport.result().committed() > 0 ? 0 : 1;
    }

    private BenchTarget startNetwork() throws Exception {
        err.printf(Locale.ROOT, "[bench] starting %d nodes (%s) ...%n", network.nodes,
                network.inProcess ? "in-process" : "processes");
        long t0 = System.nanoTime();
        List<String> jvmOptions = new ArrayList<>(network.nodeJvmOptions);
        if (report.profileDir != null && !network.inProcess && report.profilerKind == Profiler.Kind.JFR) {
            if (jvmOptions.isEmpty()) {
                jvmOptions.add("-Xmx512m"); // the testkit's default, which giving any option replaces
            }
            jvmOptions.add(JfrProfiler.NODE_OPTION);
        }
        BenchTarget started = MiniNetworkTarget.start(network.nodes, network.scheme, !network.inProcess,
                network.baseDir, jvmOptions, network.nodeJavaHome);
        err.printf(Locale.ROOT, "[bench] network up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return started;
    }

    private void validate() {
        if (network.nodes < 1 || load.clients < 1 || load.batch < 1) {
            throw badOption("--nodes, --clients and --batch must be at least 1");
        }
        if (load.duration.isZero()) {
            throw badOption("--duration must be positive");
        }
        if (load.rate != null && load.rate <= 0) {
            throw badOption("--rate must be positive");
        }
        if (load.submitCallsInFlight != null && load.submitCallsInFlight < 1) {
            throw badOption("--submit-calls-in-flight must be at least 1");
        }
    }

    /**
     * --node-java-home chooses the JDK of node processes this command starts itself; with any
     * other network the run would silently measure nodes on another JDK than the one asked for.
     */
    private void refuseNodeJavaHomeWhereIgnored() {
        if (network.nodeJavaHome == null) {
            return;
        }
        String other = timeToNetwork.timeToNetwork ? "--time-to-network (the platform's deployer starts the nodes)"
                : gateway.gateway ? "--gateway (the platform's deployer starts the nodes)"
                : network.target != null ? "--target (the nodes already run)"
                : network.inProcess ? "--in-process (the nodes run inside the bench's JVM)" : null;
        if (other != null) {
            throw badOption("--node-java-home applies only to node processes the bench starts; it cannot be combined"
                    + " with " + other);
        }
    }

    private CommandLine.ParameterException badOption(String message) {
        return new CommandLine.ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
    }

    static BenchReport.Machine machine(double loadBefore, double loadAfter) {
        String model = "unknown CPU";
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(model);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown"
        }
        return new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), model,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), loadBefore, loadAfter);
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
