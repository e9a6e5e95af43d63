package io.consortia.cli.bench;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consortia bench}: a Caliper-style benchmark. Starts a network (or targets one that
 * {@code consortia up} runs), drives it with C concurrent clients for a fixed duration after a
 * warm-up, and reports committed transactions per second, submit-to-commit latency
 * percentiles, invalid/rejected/failed counts, CPU use and block sizes, next to the machine's
 * limit from signature verification speed. Human table on stdout, a progress line per second
 * on stderr, JSON with {@code --json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a network: committed tx/s, submit-to-commit latency, CPU, block sizes, "
                + "and throughput as a fraction of this machine's signature-verification limit.",
                "Default: 4 organisations x 1 node (one process each) on loopback, notarization, 8 clients, "
                + "10 s warm-up + 20 s measured (about a minute in all with start-up on 2 cores). Published "
                + "figures use a longer warm-up (e.g. --warmup 120s): four node JVMs on two cores are still "
                + "compiling for minutes."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "4",
            description = "nodes to start, one organisation each (default ${DEFAULT-VALUE}); ignored with --target")
    int nodes;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients C (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "measured time (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "load before measuring, not counted (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--workload", defaultValue = "notarization",
            description = "notarization | asset | asset-contention | token (default ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--scheme", defaultValue = "ECDSA_P256_SHA256",
            description = "ECDSA_P256_SHA256 or SM2_SM3 (default ${DEFAULT-VALUE}); with --target, the network's")
    SignatureScheme scheme;

    @Option(names = "--rate", description = "fixed offered load in tx/s over all clients (default: as fast as "
            + "answers come, i.e. maximum throughput)")
    Double rate;

    @Option(names = "--batch", defaultValue = "100",
            description = "transactions per call (submitAll, one round trip) (default ${DEFAULT-VALUE}); with --rate, "
                    + "calls are made smaller so that each client sends about 10 calls a second")
    int batch;

    @Option(names = "--sign-live", description = "clients sign each transaction just before sending it (as "
            + "Caliper does). Default: sign the expected transactions before the warm-up, so that on one machine "
            + "the load generator's signing does not take CPU from the nodes being measured")
    boolean signLive;

    @Option(names = "--carry-certificates", description = "every transaction carries its creator's X.509 "
            + "certificate, as before certificate ids (about 2.6 times the bytes per transaction). Default: each "
            + "client registers its certificate with one transaction before pre-signing, then names it by id")
    boolean carryCertificates;

    @Option(names = "--json", description = "also write the report as JSON to this file")
    Path json;

    @Option(names = "--target", description = "benchmark the running network in this directory (as written by "
            + "./consortia up, e.g. .consortia/network) instead of starting one")
    Path target;

    @Option(names = "--time-to-network", description = "instead of throughput, measure the time from the "
            + "platform's deploy call to the first committed block for 2 and 4 organisations (1 node each, local "
            + "deployer); starts platform/target/consortia-platform.jar unless --platform-url is given")
    boolean timeToNetwork;

    @Option(names = "--time-to-network-on", defaultValue = "platform", description = "platform (REST API, "
            + "default) or testkit (MiniNetwork...start() with local processes, no platform)")
    String timeToNetworkOn;

    @Option(names = "--organizations", split = ",", defaultValue = "2,4",
            description = "organisation counts of --time-to-network (default ${DEFAULT-VALUE})")
    List<Integer> organizationCounts;

    @Option(names = "--platform-url", description = "with --time-to-network: a running platform (e.g. "
            + "http://localhost:8080) instead of starting one; its admin password from --platform-admin-password "
            + "or CONSORTIA_ADMIN_PASSWORD")
    String platformUrl;

    @Option(names = "--platform-admin-password", description = "password of the platform's admin (with --platform-url)")
    String platformAdminPassword;

    @Option(names = "--platform-option", description = "property of the platform it starts, repeatable, e.g. "
            + "consortia.node.classpath=/x/classes:/x/lib/*")
    List<String> platformOptions = new ArrayList<>();

    @Option(names = "--platform-jar", description = "the platform jar to start (default "
            + "platform/target/consortia-platform.jar next to this cli)")
    Path platformJar;

    @Option(names = "--time-to-network-runs", defaultValue = "1", description = "runs per network size (default ${DEFAULT-VALUE})")
    int timeToNetworkRuns;

    @Option(names = "--hot-assets", defaultValue = "64",
            description = "contended assets of asset-contention (default ${DEFAULT-VALUE})")
    int hotAssets;

    @Option(names = "--verify-seconds", defaultValue = "1s", converter = DurationConverter.class,
            description = "time of each signature-verification measurement (default ${DEFAULT-VALUE})")
    Duration verifyTime;

    @Option(names = "--in-process", description = "run the nodes inside this JVM (starts faster; CPU is then not "
            + "split per node). Default: one process per node")
    boolean inProcess;

    @Option(names = "--base-dir", description = "where node files go, kept afterwards (default: a temporary "
            + "directory, deleted); with --time-to-network, the platform's data and each node's log (node-logs/)")
    Path baseDir;

    @Option(names = "--node-jvm-option", description = "JVM option of node processes, repeatable (default -Xmx512m)")
    List<String> nodeJvmOptions = new ArrayList<>();

    @Option(names = "--profile", description = "profile every node process during the measured window into this "
            + "directory: with async-profiler, <node>.html flame graphs, <node>.collapsed stacks and breakdown.txt (CPU "
            + "by subsystem, also printed); with JFR, <node>.jfr (nodes record from their start) and bench-jvm.jfr")
    Path profileDir;

    @Option(names = "--profiler", defaultValue = "async", converter = Profiler.KindConverter.class,
            description = "async (async-profiler: Java, native and kernel code on the CPU; default) or jfr")
    Profiler.Kind profilerKind;

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
        if (timeToNetwork) {
            return timeToNetwork();
        }
        validate();
        Workload load = Workloads.of(workload, hotAssets);
        if (target == null && nodes < load.minimumOrganizations()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--workload " + load.name() + " needs "
                    + load.minimumOrganizations() + " organisations: use --nodes " + load.minimumOrganizations() + " or more");
        }
        String started = now();
        double loadBefore = ProcFs.loadAverage();
        int nodeCount = target == null ? nodes : -1;
        BenchTarget network;
        BenchReport.Limit limit;
        if (target != null) {
            network = new DirectoryTarget(target);
            err.printf(Locale.ROOT, "[bench] measuring %s signature verification (1 thread, then %d) ...%n",
                    network.scheme(), Runtime.getRuntime().availableProcessors());
            limit = VerifyLimit.measure(network.scheme(), verifyTime, network.nodes().size());
        } else {
            // measured before the nodes start, while nothing of ours competes for the cores
            err.printf(Locale.ROOT, "[bench] measuring %s signature verification (1 thread, then %d) ...%n",
                    scheme, Runtime.getRuntime().availableProcessors());
            limit = VerifyLimit.measure(scheme, verifyTime, nodeCount);
            err.printf(Locale.ROOT, "[bench] starting %d nodes (%s) ...%n", nodes, inProcess ? "in-process" : "processes");
            long t0 = System.nanoTime();
            List<String> jvmOptions = new ArrayList<>(nodeJvmOptions);
            if (profileDir != null && !inProcess && profilerKind == Profiler.Kind.JFR) {
                if (jvmOptions.isEmpty()) {
                    jvmOptions.add("-Xmx512m"); // the testkit's default, which giving any option replaces
                }
                jvmOptions.add(JfrProfiler.NODE_OPTION);
            }
            network = MiniNetworkTarget.start(nodes, scheme, !inProcess, baseDir, jvmOptions);
            err.printf(Locale.ROOT, "[bench] network up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        err.printf(Locale.ROOT, "[bench] verify %,.0f/s per core (wall clock %,.0f/s on 1 thread, %,.0f/s on %d)"
                        + " -> limit %,.0f tx/s for %d nodes%n", limit.verifiesPerSecondPerCore(),
                limit.oneThreadWallClock(), limit.allCoresWallClock(), limit.cores(), limit.limitTps(), limit.nodes());
        try (BenchTarget net = network) {
            lastReport = run(net, load, limit, started, loadBefore);
        }
        // the load has stopped (and nodes started here with it): measure again, on a machine as quiet as before
        lastReport = lastReport.withLimit(VerifyLimit.afterRun(lastReport.limit(),
                target != null ? network.scheme() : scheme, verifyTime, lastReport.result().throughputTps()));
        lastReport.print(out);
        if (json != null) {
            lastReport.writeJson(json);
            err.println("[bench] JSON report written to " + json.toAbsolutePath());
        }
        return lastReport.result().committed() > 0 ? 0 : 1;
    }

    private void validate() {
        if (nodes < 1 || clients < 1 || batch < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--nodes, --clients and --batch must be at least 1");
        }
        if (duration.isZero()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration must be positive");
        }
        if (rate != null && rate <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rate must be positive");
        }
    }

    private BenchReport run(BenchTarget network, Workload load, BenchReport.Limit limit, String started,
            double loadBefore) throws Exception {
        List<BenchTarget.TargetNode> targetNodes = network.nodes();
        List<String> organizations = network.organizations();

        Map<String, Channel> byOrganization = new LinkedHashMap<>();
        for (BenchTarget.TargetNode node : targetNodes) {
            byOrganization.computeIfAbsent(node.organization(), org -> network.gateway(node).channel("main"));
        }
        if (byOrganization.size() < load.minimumOrganizations()) {
            throw new IllegalArgumentException("--workload " + load.name() + " needs " + load.minimumOrganizations()
                    + " organisations; the network has " + byOrganization.size());
        }
        Channel observer = byOrganization.values().iterator().next();
        load.prepare(byOrganization);

        int perCall = batch;
        long interval = 0;
        if (rate != null) {
            perCall = (int) Math.max(1, Math.min(batch, Math.round(rate / clients / 10)));
            interval = (long) (perCall * (double) clients * 1e9 / rate);
        }
        List<Channel> channels = new ArrayList<>();
        List<Workload.Client> sources = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            BenchTarget.TargetNode node = targetNodes.get(i % targetNodes.size());
            Channel channel = network.gateway(node, !carryCertificates).channel("main");
            channels.add(channel);
            sources.add(load.client(i, channel, node.organization(), organizations));
        }
        if (!carryCertificates) {
            registerCertificates(channels);
        }
        long presigned = signLive ? 0 : presign(sources, limit, perCall);

        long begin = System.nanoTime();
        long measureStart = begin + warmup.toNanos();
        long measureEnd = measureStart + duration.toNanos();
        Recorder recorder = new Recorder(measureStart, measureEnd, targetNodes.size());
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.ExecutorService senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-client-sender");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < clients; i++) {
            long first = begin + (interval == 0 ? 0 : interval * i / clients);
            Thread t = new Thread(new BenchClient(channels.get(i), sources.get(i), recorder, i % targetNodes.size(),
                    perCall, interval, first, measureEnd, senders), "bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        err.printf(Locale.ROOT, "[bench] %s: %d clients x %d tx per call%s; warm-up %d s, then %d s measured%n",
                load.name(), clients, perCall, rate == null ? "" : String.format(Locale.ROOT, ", %,.0f tx/s offered", rate),
                warmup.toSeconds(), duration.toSeconds());
        threads.forEach(Thread::start);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        Progress progress = new Progress(recorder, begin, err);
        ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);

        Profiler profiler = profileDir == null ? null : profilerKind == Profiler.Kind.JFR
                ? JfrProfiler.start(profileDir, targetNodes, err)
                : AsyncProfilerSession.prepare(profileDir, targetNodes, err);
        sleepUntil(measureStart);
        if (profiler != null) {
            profiler.windowStarted();
        }
        Snapshot before = Snapshot.take(network, observer);
        sleepUntil(measureEnd);
        Snapshot after = Snapshot.take(network, observer);
        List<Double> heights = new ArrayList<>();
        List<Double> applied = new ArrayList<>();
        for (int n = 0; n < targetNodes.size(); n++) {
            MetricsScrape end = after.perNode().get(n);
            MetricsScrape start = before.perNode().get(n);
            heights.add(end == null || end.height() < 0 ? null : end.height());
            applied.add(end == null || start == null ? null
                    : (end.committed() - start.committed()) / ((after.nanos() - before.nanos()) / 1e9));
        }
        double loadAfter = ProcFs.loadAverage();
        BenchReport.Profile profile = profiler == null ? null : profiler.stop(duration.toSeconds());
        ticker.shutdownNow();
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        for (Thread t : threads) {
            t.join(Math.max(1, (drainDeadline - System.nanoTime()) / 1_000_000));
            t.interrupt();
        }
        senders.shutdown();
        senders.awaitTermination(Math.max(1, (drainDeadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        senders.shutdownNow();

        double seconds = duration.toNanos() / 1e9;
        long committed = recorder.committed.sum();
        double tps = committed / seconds;
        LatencyHistogram h = recorder.latency;
        BenchReport.Latency latency = new BenchReport.Latency(h.percentileMicros(0.50) / 1e3,
                h.percentileMicros(0.95) / 1e3, h.percentileMicros(0.99) / 1e3, h.maxMicros() / 1e3,
                h.meanMicros() / 1e3, h.count());
        BenchReport.Blocks blocks = after.blocksSince(before);
        BenchReport.Cpu cpu = after.cpuSince(before, targetNodes, tps);
        SignatureScheme used = network.scheme();
        BenchReport.Setup setup = new BenchReport.Setup(load.name(), load.description(), network.description(),
                network.mode(), targetNodes.size(), organizations.size(), used.name(), clients, perCall,
                warmup.toNanos() / 1e9, seconds, rate, !signLive, !carryCertificates);
        long signedDuringRun = sources.stream().mapToLong(Workload.Client::signedDuringRun).sum();
        BenchReport.Machine machine = machine(loadBefore, loadAfter);
        Double slowest = applied.stream().anyMatch(java.util.Objects::isNull) ? null
                : applied.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        BenchReport.Result result = new BenchReport.Result(committed, tps, slowest, recorder.sent.sum(),
                recorder.sent.sum() / seconds, recorder.invalid.sum(), recorder.rejected.sum(), recorder.failed.sum(),
                load.invalidByDesign(), presigned, signedDuringRun, recorder.firstProblem());
        double highest = heights.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max()
                .orElse(-1);
        List<BenchReport.NodeResult> perNode = new ArrayList<>();
        for (int n = 0; n < targetNodes.size(); n++) {
            BenchTarget.TargetNode node = targetNodes.get(n);
            LatencyHistogram nh = recorder.byNode[n];
            int nodeIndex = n;
            int clientsOfNode = (int) java.util.stream.IntStream.range(0, clients)
                    .filter(i -> i % targetNodes.size() == nodeIndex).count();
            Double height = heights.get(n);
            perNode.add(new BenchReport.NodeResult(node.id(), node.organization(), clientsOfNode, nh.count(),
                    nh.percentileMicros(0.5) / 1e3, nh.percentileMicros(0.99) / 1e3,
                    cpu.perNodeCores() == null ? null : cpu.perNodeCores().get(node.id()), applied.get(n),
                    height == null ? null : height.longValue(),
                    height == null ? null : (long) (highest - height)));
        }
        return new BenchReport("consortia bench", started, setup, machine, result, latency, blocks, cpu,
                VerifyLimit.withThroughput(limit, tps), recorder.timeline(), perNode, recorder.problems(), profile);
    }

    /**
     * One notarization per client, committed before anything is signed: it registers the client's
     * certificate on the channel, so that the transactions signed afterwards name it by id.
     */
    private void registerCertificates(List<Channel> channels) throws Exception {
        long run = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            String hash = String.format(Locale.ROOT, "%016x%016x%016x%016x", run, (long) i, 0L, 0xce27L);
            done.add(java.util.concurrent.CompletableFuture.runAsync(() -> channel.contract("notarization")
                    .submit("record", hash, "bench: registers the client's certificate")));
        }
        for (var future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * Signs, on all cores, what the clients are expected to send: the offered rate plus a margin,
     * or, for maximum throughput, the target of 60 % of the verification limit, over warm-up and
     * measurement —
     * at most 300,000 transactions (~300 MB), and none that would be sent more than 8 minutes
     * after signing (nodes refuse timestamps more than 10 minutes off). Clients that run out sign
     * the rest themselves.
     */
    private long presign(List<Workload.Client> sources, BenchReport.Limit limit, int perCall) throws Exception {
        double seconds = Math.min(480, (warmup.toNanos() + duration.toNanos()) / 1e9);
        double expected = rate != null ? rate * 1.1 * seconds : limit.limitTps() * 0.6 * seconds;
        int each = (int) Math.min(300_000.0 / sources.size(), Math.ceil(expected / sources.size()));
        each = Math.max(each, perCall);
        long t0 = System.nanoTime();
        err.printf(Locale.ROOT, "[bench] pre-signing %,d transactions (%,d per client) ...%n",
                (long) each * sources.size(), each);
        int threads = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-presign");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Integer>> made = new ArrayList<>();
            for (Workload.Client source : sources) {
                int count = each;
                made.add(pool.submit(() -> source.presign(count)));
            }
            long total = 0;
            for (var f : made) {
                total += f.get();
            }
            err.printf(Locale.ROOT, "[bench] pre-signed %,d in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private Integer timeToNetwork() throws IOException, InterruptedException {
        String started = now();
        double loadBefore = ProcFs.loadAverage();
        int runs = Math.max(1, timeToNetworkRuns);
        Object report;
        if ("testkit".equalsIgnoreCase(timeToNetworkOn)) {
            List<TimeToNetwork.Row> rows = TimeToNetwork.measure(organizationCounts, runs, scheme, err);
            TimeToNetwork.Report testkit = new TimeToNetwork.Report("consortia bench --time-to-network",
                    TimeToNetwork.LABEL, started, scheme.name(), machine(loadBefore, ProcFs.loadAverage()), rows);
            TimeToNetwork.print(out, testkit);
            report = testkit;
        } else if ("platform".equalsIgnoreCase(timeToNetworkOn)) {
            if (scheme != SignatureScheme.ECDSA_P256_SHA256) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--time-to-network on the platform uses ECDSA P-256 consortia");
            }
            List<PlatformTimeToNetwork.Row> rows;
            String platform;
            Double platformStart = null;
            if (platformUrl != null) {
                String password = platformAdminPassword != null ? platformAdminPassword
                        : System.getenv("CONSORTIA_ADMIN_PASSWORD");
                if (password == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--platform-url needs --platform-admin-password or CONSORTIA_ADMIN_PASSWORD");
                }
                platform = platformUrl;
                rows = PlatformTimeToNetwork.measure(platformUrl, password, organizationCounts, runs,
                        baseDir == null ? null : baseDir.resolve("node-logs"), err);
            } else {
                Path jar = platformJar != null ? platformJar : defaultPlatformJar();
                try (PlatformTimeToNetwork.LocalPlatform local = PlatformTimeToNetwork.LocalPlatform.start(jar, baseDir, profileDir,
                        platformOptions, err)) {
                    platform = local.url + " (started by the benchmark from " + jar.getFileName()
                            + (baseDir == null ? ", temporary data directory)" : ", data in " + local.dataDir + ")");
                    platformStart = local.startSeconds;
                    rows = PlatformTimeToNetwork.measure(local.url, local.adminPassword, organizationCounts, runs,
                            baseDir == null ? null : baseDir.resolve("node-logs"), err);
                }
            }
            PlatformTimeToNetwork.Report onPlatform = new PlatformTimeToNetwork.Report(
                    "consortia bench --time-to-network", PlatformTimeToNetwork.LABEL, started, platform,
                    "ECDSA_P256_SHA256", platformStart, machine(loadBefore, ProcFs.loadAverage()), rows);
            PlatformTimeToNetwork.print(out, onPlatform);
            report = onPlatform;
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--time-to-network-on must be platform or testkit");
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BenchReport.mapper().writeValue(json.toFile(), report);
            err.println("[bench] JSON report written to " + json.toAbsolutePath());
        }
        return 0;
    }

    /** platform/target/consortia-platform.jar of the checkout this cli jar was built in, else of the working directory. */
    private static Path defaultPlatformJar() {
        Path relative = Path.of("platform", "target", "consortia-platform.jar");
        try {
            Path cliJar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = cliJar.getParent() == null ? null : cliJar.getParent().getParent(); // cli/target/x.jar
            if (root != null && root.getParent() != null && Files.isRegularFile(root.getParent().resolve(relative))) {
                return root.getParent().resolve(relative);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the working directory
        }
        return relative.toAbsolutePath();
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

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Chain, metrics and CPU counters at one instant; two of them give the window's figures. */
    private record Snapshot(long nanos, ChainInfo chain, MetricsScrape metrics, double benchCpu,
            Map<String, Double> nodeCpu, Map<String, Double> nodeThreads, Map<String, Double> benchThreads,
            long[] machine, List<MetricsScrape> perNode) {
        static Snapshot take(BenchTarget network, Channel observer) {
            long nanos = System.nanoTime();
            Map<String, Double> nodeCpu = new LinkedHashMap<>();
            Map<String, Double> nodeThreads = new java.util.TreeMap<>();
            for (BenchTarget.TargetNode node : network.nodes()) {
                nodeCpu.put(node.id(), ProcFs.processCpuSeconds(node.pid()));
                ProcFs.cpuSecondsByThreadGroup(node.pid()).forEach((k, v) -> nodeThreads.merge(k, v, Double::sum));
            }
            double bench = ProcFs.ownCpuSeconds();
            Map<String, Double> benchThreads = ProcFs.cpuSecondsByThreadGroup(ProcessHandle.current().pid());
            long[] machine = ProcFs.machineJiffies();
            ChainInfo chain;
            try {
                chain = observer.chainInfo();
            } catch (RuntimeException e) {
                chain = null;
            }
            List<MetricsScrape> perNode = new ArrayList<>();
            for (BenchTarget.TargetNode node : network.nodes()) {
                perNode.add(MetricsScrape.of(node.metricsPort(), "main"));
            }
            return new Snapshot(nanos, chain, perNode.get(0), bench, nodeCpu, nodeThreads, benchThreads, machine, perNode);
        }

        BenchReport.Blocks blocksSince(Snapshot before) {
            long count = 0;
            double mean = 0;
            if (chain != null && before.chain != null) {
                count = chain.getHeight() - before.chain.getHeight();
                long txs = chain.getTransactionCount() - before.chain.getTransactionCount();
                mean = count == 0 ? 0 : (double) txs / count;
            }
            Double median = null;
            Double largest = null;
            if (metrics != null && before.metrics != null) {
                MetricsScrape.BlockSizes sizes = metrics.since(before.metrics);
                if (sizes.blocks() > 0) {
                    median = sizes.medianAtMost();
                    largest = sizes.largestAtMost();
                }
            }
            return new BenchReport.Blocks(count, mean, median, largest);
        }

        BenchReport.Cpu cpuSince(Snapshot before, List<BenchTarget.TargetNode> nodes, double tps) {
            double wall = (nanos - before.nanos) / 1e9;
            double bench = benchCpu < 0 || before.benchCpu < 0 ? -1 : (benchCpu - before.benchCpu) / wall;
            Map<String, Double> perNode = new LinkedHashMap<>();
            double total = 0;
            for (BenchTarget.TargetNode node : nodes) {
                Double now = nodeCpu.get(node.id());
                Double then = before.nodeCpu.get(node.id());
                if (now != null && then != null && now >= 0 && then >= 0) {
                    double cores = (now - then) / wall;
                    perNode.put(node.id(), cores);
                    total += cores;
                }
            }
            Map<String, Double> nodeThreadCores = delta(nodeThreads, before.nodeThreads, wall);
            Map<String, Double> benchThreadCores = delta(benchThreads, before.benchThreads, wall);
            Double jit = null;
            if (benchThreadCores != null) {
                jit = benchThreadCores.getOrDefault("jit", 0.0) + (nodeThreadCores == null ? 0.0
                        : nodeThreadCores.getOrDefault("jit", 0.0));
            }
            Double perTx = null;
            if (bench >= 0 && tps > 0) {
                perTx = (bench + total - (jit == null ? 0 : jit)) / tps * 1e6;
            }
            Double machineBusy = null;
            Double others = null;
            if (machine != null && before.machine != null && machine[1] > before.machine[1]) {
                machineBusy = 100.0 * (machine[0] - before.machine[0]) / (machine[1] - before.machine[1]);
                int cores = Runtime.getRuntime().availableProcessors();
                others = Math.max(0, machineBusy / 100 * cores - Math.max(0, bench) - total);
            }
            return new BenchReport.Cpu(bench, perNode.isEmpty() ? null : total, perNode.isEmpty() ? null : perNode,
                    jit, perTx, nodeThreadCores, benchThreadCores, machineBusy, others);
        }

        private static Map<String, Double> delta(Map<String, Double> now, Map<String, Double> then, double wall) {
            if (now.isEmpty() || then.isEmpty()) {
                return null;
            }
            Map<String, Double> out = new java.util.TreeMap<>();
            now.forEach((k, v) -> out.put(k, Math.max(0, v - then.getOrDefault(k, 0.0)) / wall));
            return out;
        }
    }

    /** The line printed every second on stderr. */
    private static final class Progress {
        private final Recorder recorder;
        private final long begin;
        private final PrintStream err;
        private long lastCommitted;

        Progress(Recorder recorder, long begin, PrintStream err) {
            this.recorder = recorder;
            this.begin = begin;
            this.err = err;
        }

        void tick() {
            long now = System.nanoTime();
            if (now < recorder.start()) {
                err.printf(Locale.ROOT, "[warm-up %3d/%d s] committed %,d (not counted)%n", (now - begin) / 1_000_000_000L,
                        (recorder.start() - begin) / 1_000_000_000L, recorder.warmupCommitted.sum());
                return;
            }
            long committed = recorder.committed.sum();
            double elapsed = Math.min(now, recorder.end()) - recorder.start();
            err.printf(Locale.ROOT, "[%3d/%d s] committed %,d | %,d tx/s now, %,.0f avg | p99 %,.0f ms"
                            + " | invalid %d, rejected %d, failed %d%n",
                    (long) (elapsed / 1e9), (recorder.end() - recorder.start()) / 1_000_000_000L, committed,
                    committed - lastCommitted, elapsed <= 0 ? 0 : committed / (elapsed / 1e9),
                    recorder.latency.percentileMicros(0.99) / 1e3, recorder.invalid.sum(), recorder.rejected.sum(),
                    recorder.failed.sum());
            lastCommitted = committed;
        }
    }
}
