package io.consortia.cli.bench;

import io.consortia.common.DaemonThreads;
import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.gateway.GatewayClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * {@code consortia bench --gateway}: the load of a throughput run, sent to the platform's
 * application gateway instead of to the nodes. Starts the platform (or uses {@code --platform-url}),
 * has it deploy N organisations with one node each, issues an access key per organisation and
 * drives {@code POST /gateway/v1/channels/main/transactions} with {@code --batch} notarizations a
 * request from C clients ({@link GatewayBenchClient}). The report has the shape of every bench
 * report; the platform's CPU counts with the nodes' (as node "platform"), because on the gateway
 * path the platform builds and signs every transaction.
 */
final class GatewayRun {
    private static final long DRAIN_SECONDS = 40;

    private final NetworkOptions network;
    private final LoadOptions load;
    private final ReportOptions report;
    private final TimeToNetworkOptions platformOptions;
    private final PrintStream err;
    private final Function<String, CommandLine.ParameterException> badOption;

    GatewayRun(NetworkOptions network, LoadOptions load, ReportOptions report, TimeToNetworkOptions platformOptions,
            PrintStream err, Function<String, CommandLine.ParameterException> badOption) {
        this.network = network;
        this.load = load;
        this.report = report;
        this.platformOptions = platformOptions;
        this.err = err;
        this.badOption = badOption;
    }

    BenchReport run() throws Exception {
        if (!"notarization".equalsIgnoreCase(load.workload)) {
            throw badOption.apply("--gateway drives notarizations only (the platform signs as each application, "
                    + "whose accounts the other workloads do not know)");
        }
        if (network.target != null || network.inProcess) {
            throw badOption.apply("--gateway deploys its network through the platform: no --target or --in-process");
        }
        if (network.scheme != SignatureScheme.ECDSA_P256_SHA256) {
            throw badOption.apply("--gateway uses an ECDSA P-256 consortium");
        }
        if (report.profileDir != null && report.profilerKind != Profiler.Kind.ASYNC) {
            throw badOption.apply("--gateway profiles with async-profiler only (--profiler async)");
        }
        if (load.batch > 1000) {
            throw badOption.apply("--batch must be at most 1000 with --gateway (the gateway's limit per request)");
        }
        String started = BenchCommand.now();
        double loadBefore = ProcFs.loadAverage();
        err.printf(Locale.ROOT, "[bench] measuring %s signature verification ...%n", network.scheme);
        BenchReport.Limit limit = VerifyLimit.measure(network.scheme, report.verifyTime, network.nodes);
        if (platformOptions.platformUrl != null) {
            String password = platformOptions.platformAdminPassword != null ? platformOptions.platformAdminPassword
                    : System.getenv("CONSORTIA_ADMIN_PASSWORD");
            if (password == null) {
                throw badOption.apply("--platform-url needs --platform-admin-password or CONSORTIA_ADMIN_PASSWORD");
            }
            return onPlatform(platformOptions.platformUrl, password, -1, started, loadBefore, limit);
        }
        Path jar = platformOptions.platformJar != null ? platformOptions.platformJar
                : TimeToNetworkRun.defaultPlatformJar();
        List<String> options = new ArrayList<>(platformOptions.platformOptions);
        // the nodes get the JVM options of the bench's own node processes, so that both paths
        // are measured on equal nodes (the platform's default is a small heap and C1 only)
        List<String> nodeOptions = network.nodeJvmOptions.isEmpty() ? List.of("-Xmx512m") : network.nodeJvmOptions;
        for (int i = 0; i < nodeOptions.size(); i++) {
            options.add("consortia.node.java-options[" + i + "]=" + nodeOptions.get(i));
        }
        try (PlatformTimeToNetwork.LocalPlatform platform = PlatformTimeToNetwork.LocalPlatform.start(jar,
                network.baseDir, null, options, err)) {
            return onPlatform(platform.url, platform.adminPassword, platform.process.pid(), started, loadBefore, limit);
        }
    }

    private BenchReport onPlatform(String url, String adminPassword, long platformPid, String started,
            double loadBefore, BenchReport.Limit limit) throws Exception {
        try (PlatformGatewayNetwork deployed = PlatformGatewayNetwork.deploy(url, adminPassword, network.nodes,
                platformPid < 0, err)) {
            return measure(url, deployed, platformPid, started, loadBefore, limit);
        }
    }

    private BenchReport measure(String url, PlatformGatewayNetwork deployed, long platformPid, String started,
            double loadBefore, BenchReport.Limit limit) throws Exception {
        List<BenchTarget.TargetNode> nodes = deployed.nodes();
        List<BenchTarget.TargetNode> cpuTargets = new ArrayList<>(nodes);
        if (platformPid > 0) {
            cpuTargets.add(new BenchTarget.TargetNode("platform", "-", -1, -1, platformPid));
        }
        int clients = load.clients;
        int perCall = load.perCall();
        long interval = load.intervalNanos();
        long run = System.nanoTime() ^ Double.doubleToLongBits(Math.random());

        long begin = System.nanoTime();
        long measureStart = begin + load.warmup.toNanos();
        long measureEnd = measureStart + load.duration.toNanos();
        Recorder recorder = new Recorder(measureStart, measureEnd, nodes.size());
        ExecutorService senders = Executors.newCachedThreadPool(DaemonThreads.named("bench-gateway-sender"));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            PlatformGatewayNetwork.AccessKey key = deployed.keys().get(i % deployed.keys().size());
            GatewayClient client = GatewayClient.of(url, key.accessKeyId(), key.secretKey());
            long first = begin + (interval == 0 ? 0 : interval * i / clients);
            threads.add(DaemonThreads.thread("bench-gateway-client-" + i, new GatewayBenchClient(client, recorder, i,
                    i % nodes.size(), run, perCall, interval, first, measureEnd, senders)));
        }
        err.printf(Locale.ROOT, "[bench] gateway %s: %d clients x %d tx per request%s; warm-up %d s, then %d s measured%n",
                url, clients, perCall, load.rate == null ? "" : String.format(Locale.ROOT, ", %,.0f tx/s offered",
                        load.rate), load.warmup.toSeconds(), load.duration.toSeconds());
        threads.forEach(Thread::start);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-progress"));
        long[] last = {0};
        ticker.scheduleAtFixedRate(() -> progress(recorder, begin, last), 1, 1, TimeUnit.SECONDS);

        // async-profiler on every node and on the platform, whose flame graph shows the gateway's own cost
        Profiler profiler = report.profileDir == null ? null
                : AsyncProfilerSession.prepare(report.profileDir, cpuTargets, err);
        sleepUntil(measureStart);
        if (profiler != null) {
            profiler.windowStarted();
        }
        CpuSample cpuBefore = CpuSample.take(cpuTargets);
        List<MetricsScrape> before = scrape(nodes);
        sleepUntil(measureEnd);
        CpuSample cpuAfter = CpuSample.take(cpuTargets);
        List<MetricsScrape> after = scrape(nodes);
        double loadAfter = ProcFs.loadAverage();
        BenchReport.Profile profile = profiler == null ? null : profiler.stop(load.duration.toSeconds());
        ticker.shutdownNow();
        drain(threads, senders);

        double seconds = load.duration.toNanos() / 1e9;
        long committed = recorder.committed.sum();
        double tps = committed / seconds;
        Latencies h = recorder.latency;
        BenchReport.Latency latency = new BenchReport.Latency(h.percentileMicros(0.50) / 1e3,
                h.percentileMicros(0.95) / 1e3, h.percentileMicros(0.99) / 1e3, h.maxMicros() / 1e3,
                h.meanMicros() / 1e3, h.count());
        BenchReport.Blocks blocks = blocks(before.get(0), after.get(0));
        BenchReport.Cpu cpu = cpuAfter.since(cpuBefore, cpuTargets, tps);
        List<Double> applied = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        double wall = (cpuAfter.nanos() - cpuBefore.nanos()) / 1e9;
        for (int n = 0; n < nodes.size(); n++) {
            MetricsScrape start = before.get(n);
            MetricsScrape end = after.get(n);
            applied.add(start == null || end == null ? null : (end.committed() - start.committed()) / wall);
            heights.add(end == null || end.height() < 0 ? null : end.height());
        }
        Double slowest = applied.stream().anyMatch(Objects::isNull) ? null
                : applied.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        BenchReport.Setup setup = new BenchReport.Setup("notarization", "notarization.record(unique 64-hex hash, "
                + "\"bench\") through POST " + GatewayBenchClient.PATH + ", signed with an access key "
                + "(CONSORTIA-HMAC-SHA256); the platform signs each transaction as the application",
                network.nodes + " organisations x 1 node deployed by the platform (local deployer), through its "
                        + "gateway at " + url, "gateway", nodes.size(), deployed.organizations().size(),
                network.scheme.name(), clients, null, null, perCall, load.warmup.toNanos() / 1e9, seconds, load.rate, false, true);
        BenchReport.Result result = new BenchReport.Result(committed, tps, slowest, recorder.sent.sum(),
                recorder.sent.sum() / seconds, recorder.invalid.sum(), recorder.rejected.sum(), recorder.failed.sum(),
                false, 0, 0, recorder.firstProblem());
        double highest = heights.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(-1);
        List<BenchReport.NodeResult> perNode = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            BenchTarget.TargetNode node = nodes.get(n);
            Latencies nh = recorder.byNode[n];
            int index = n;
            int clientsOfNode = (int) IntStream.range(0, clients).filter(i -> i % nodes.size() == index).count();
            Double height = heights.get(n);
            perNode.add(new BenchReport.NodeResult(node.id(), node.organization(), clientsOfNode, nh.count(),
                    nh.percentileMicros(0.5) / 1e3, nh.percentileMicros(0.99) / 1e3,
                    cpu.perNodeCores() == null ? null : cpu.perNodeCores().get(node.id()), applied.get(n),
                    height == null ? null : height.longValue(), height == null ? null : (long) (highest - height)));
        }
        BenchReport done = new BenchReport("consortia bench --gateway", started, setup,
                BenchCommand.machine(loadBefore, loadAfter), result, latency, blocks, cpu,
                VerifyLimit.withThroughput(limit, tps), recorder.timeline(), perNode, recorder.problems(), profile);
        return done;
    }

    private static List<MetricsScrape> scrape(List<BenchTarget.TargetNode> nodes) {
        List<MetricsScrape> out = new ArrayList<>();
        for (BenchTarget.TargetNode node : nodes) {
            out.add(MetricsScrape.of(node.metricsPort(), "main"));
        }
        return out;
    }

    /** From the first node's block-size histogram: every node commits every block. */
    private static BenchReport.Blocks blocks(MetricsScrape before, MetricsScrape after) {
        if (before == null || after == null) {
            return new BenchReport.Blocks(0, 0, null, null);
        }
        MetricsScrape.BlockSizes sizes = after.since(before);
        return new BenchReport.Blocks(sizes.blocks(), sizes.meanTransactions(),
                sizes.blocks() > 0 ? sizes.medianAtMost() : null, sizes.blocks() > 0 ? sizes.largestAtMost() : null);
    }

    private void progress(Recorder recorder, long begin, long[] last) {
        long now = System.nanoTime();
        if (now < recorder.start()) {
            err.printf(Locale.ROOT, "[warm-up %3d/%d s] committed %,d (not counted)%n", (now - begin) / 1_000_000_000L,
                    (recorder.start() - begin) / 1_000_000_000L, recorder.warmupCommitted.sum());
            return;
        }
        long committed = recorder.committed.sum();
        double elapsed = Math.min(now, recorder.end()) - recorder.start();
        err.printf(Locale.ROOT, "[%3d/%d s] committed %,d | %,d tx/s now, %,.0f avg | p99 %,.0f ms | invalid %d, "
                        + "rejected %d, failed %d%n", (long) (elapsed / 1e9),
                (recorder.end() - recorder.start()) / 1_000_000_000L, committed, committed - last[0],
                elapsed <= 0 ? 0 : committed / (elapsed / 1e9), recorder.latency.percentileMicros(0.99) / 1e3,
                recorder.invalid.sum(), recorder.rejected.sum(), recorder.failed.sum());
        last[0] = committed;
    }

    private static void drain(List<Thread> threads, ExecutorService senders) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            t.interrupt();
        }
        senders.shutdown();
        senders.awaitTermination(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        senders.shutdownNow();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
