package io.consortia.cli.bench;

import io.consortia.common.DaemonThreads;
import io.consortia.common.Poll;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.sdk.Channel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One throughput run against a network that is up: prepares the workload, registers the
 * clients' certificates, pre-signs, drives the clients through warm-up and the measured window
 * (a progress line a second on stderr, profilers around the window), then drains them and
 * assembles the {@link BenchReport} from the recorder and two snapshots of the window's edges.
 */
final class BenchRun {
    private static final long DRAIN_SECONDS = 40;

    private final LoadOptions load;
    private final ReportOptions report;
    private final PrintStream err;

    BenchRun(LoadOptions load, ReportOptions report, PrintStream err) {
        this.load = load;
        this.report = report;
        this.err = err;
    }

    BenchReport run(BenchTarget network, Workload workload, BenchReport.Limit limit, String started,
            double loadBefore) throws Exception {
        List<BenchTarget.TargetNode> targetNodes = network.nodes();
        List<String> organizations = network.organizations();

        Map<String, Channel> byOrganization = new LinkedHashMap<>();
        for (BenchTarget.TargetNode node : targetNodes) {
            byOrganization.computeIfAbsent(node.organization(), org -> network.gateway(node).channel("main"));
        }
        if (byOrganization.size() < workload.minimumOrganizations()) {
            throw new IllegalArgumentException("--workload " + workload.name() + " needs "
                    + workload.minimumOrganizations() + " organisations; the network has " + byOrganization.size());
        }
        Channel observer = byOrganization.values().iterator().next();
        if (workload.deploysContracts()) {
            Map<String, Channel> adminByOrganization = new LinkedHashMap<>();
            for (BenchTarget.TargetNode node : targetNodes) {
                adminByOrganization.computeIfAbsent(node.organization(), org -> network.adminGateway(node).channel("main"));
            }
            workload.deploy(adminByOrganization, byOrganization);
        }
        workload.prepare(byOrganization);

        int clients = load.clients;
        int perCall = load.perCall();
        long interval = load.intervalNanos();
        List<Channel> channels = new ArrayList<>();
        List<Workload.Client> sources = new ArrayList<>();
        int connections = load.connections();
        List<Channel> shared = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            BenchTarget.TargetNode node = targetNodes.get(nodeOf(i, connections, targetNodes.size()));
            if (i < connections) {
                shared.add(network.gateway(node, !load.carryCertificates, load.submitCallsInFlight()).channel("main"));
            }
            Channel channel = shared.get(i % connections);
            channels.add(channel);
            sources.add(workload.client(i, channel, node.organization(), organizations));
        }
        if (!load.carryCertificates) {
            int repeated = new CertificateRegistration(Duration.ofSeconds(1)).registerAll(shared);
            if (repeated > 0) {
                err.printf(Locale.ROOT, "[bench] certificate registration: %d attempt(s) repeated after the network"
                        + " could not take them%n", repeated);
            }
        }
        long presigned = load.signLive ? 0 : presign(sources, limit, perCall);

        long begin = System.nanoTime();
        long measureStart = begin + load.warmup.toNanos();
        long measureEnd = measureStart + load.duration.toNanos();
        Recorder recorder = new Recorder(measureStart, measureEnd, targetNodes.size());
        List<Thread> threads = new ArrayList<>();
        ExecutorService senders = Executors.newCachedThreadPool(DaemonThreads.named("bench-client-sender"));
        for (int i = 0; i < clients; i++) {
            long first = begin + (interval == 0 ? 0 : interval * i / clients);
            threads.add(DaemonThreads.thread("bench-client-" + i, new BenchClient(channels.get(i), sources.get(i),
                    recorder, nodeOf(i, connections, targetNodes.size()), perCall, interval, first, measureEnd, senders)));
        }
        err.printf(Locale.ROOT, "[bench] %s: %d clients x %d tx per call%s; warm-up %d s, then %d s measured%n",
                workload.name(), clients, perCall,
                load.rate == null ? "" : String.format(Locale.ROOT, ", %,.0f tx/s offered", load.rate),
                load.warmup.toSeconds(), load.duration.toSeconds());
        threads.forEach(Thread::start);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("bench-progress"));
        Progress progress = new Progress(recorder, begin, err);
        ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);

        Profiler profiler = report.profileDir == null ? null : report.profilerKind == Profiler.Kind.JFR
                ? JfrProfiler.start(report.profileDir, targetNodes, err)
                : AsyncProfilerSession.prepare(report.profileDir, targetNodes, err);
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
                    : (end.committed() - start.committed()) / ((after.cpu().nanos() - before.cpu().nanos()) / 1e9));
        }
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
        BenchReport.Blocks blocks = after.blocksSince(before);
        BenchReport.Cpu cpu = after.cpu().since(before.cpu(), targetNodes, tps);
        SignatureScheme used = network.scheme();
        BenchReport.Setup setup = new BenchReport.Setup(workload.name(), workload.description(),
                network.description(), network.mode(), targetNodes.size(), organizations.size(), used.name(), clients,
                connections, load.submitCallsInFlight(), perCall, load.warmup.toNanos() / 1e9, seconds, load.rate, !load.signLive, !load.carryCertificates);
        long signedDuringRun = sources.stream().mapToLong(Workload.Client::signedDuringRun).sum();
        BenchReport.Machine machine = BenchCommand.machine(loadBefore, loadAfter);
        Double slowest = applied.stream().anyMatch(Objects::isNull) ? null
                : applied.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        BenchReport.Result result = new BenchReport.Result(committed, tps, slowest, recorder.sent.sum(),
                recorder.sent.sum() / seconds, recorder.invalid.sum(), recorder.rejected.sum(), recorder.failed.sum(),
                workload.invalidByDesign(), presigned, signedDuringRun, recorder.firstProblem());
        double highest = heights.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(-1);
        List<BenchReport.NodeResult> perNode = new ArrayList<>();
        for (int n = 0; n < targetNodes.size(); n++) {
            BenchTarget.TargetNode node = targetNodes.get(n);
            Latencies nh = recorder.byNode[n];
            int nodeIndex = n;
            int clientsOfNode = (int) IntStream.range(0, clients)
                    .filter(i -> nodeOf(i, connections, targetNodes.size()) == nodeIndex).count();
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
     * The node client {@code client} sends to: it uses connection {@code client % connections}, and
     * connection c goes to node {@code c % nodes}, so with one connection per client nothing changes
     * from separate applications.
     */
    static int nodeOf(int client, int connections, int nodes) {
        return client % connections % nodes;
    }

    /** Lets calls in flight finish (their answers arrive after the window and are not counted). */
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

    /**
     * Signs, on all cores, what the clients are expected to send: the offered rate plus a margin,
     * or, for maximum throughput, the target of 60 % of the verification limit, over warm-up and
     * measurement — at most 300,000 transactions (~300 MB), and none that would be sent more than
     * 8 minutes after signing (nodes refuse timestamps more than 10 minutes off). Clients that run
     * out sign the rest themselves.
     */
    private long presign(List<Workload.Client> sources, BenchReport.Limit limit, int perCall) throws Exception {
        double seconds = Math.min(480, (load.warmup.toNanos() + load.duration.toNanos()) / 1e9);
        double expected = load.rate != null ? load.rate * 1.1 * seconds : limit.limitTps() * 0.6 * seconds;
        int each = (int) Math.min(300_000.0 / sources.size(), Math.ceil(expected / sources.size()));
        each = Math.max(each, perCall);
        long t0 = System.nanoTime();
        err.printf(Locale.ROOT, "[bench] pre-signing %,d transactions (%,d per client) ...%n",
                (long) each * sources.size(), each);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                DaemonThreads.named("bench-presign"));
        try {
            List<Future<Integer>> made = new ArrayList<>();
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

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Chain, metrics and CPU at one instant; two of them give the window's figures. */
    private record Snapshot(CpuSample cpu, ChainInfo chain, MetricsScrape metrics, List<MetricsScrape> perNode) {
        static Snapshot take(BenchTarget network, Channel observer) {
            CpuSample cpu = CpuSample.take(network.nodes());
            // A node saturated by the load can miss one read's deadline; without a chain the
            // report would say 0 blocks, so the read is tried again for a few seconds.
            ChainInfo chain = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(200), () -> {
                try {
                    return observer.chainInfo();
                } catch (RuntimeException e) {
                    return null;
                }
            }).orElse(null);
            List<MetricsScrape> perNode = new ArrayList<>();
            for (BenchTarget.TargetNode node : network.nodes()) {
                perNode.add(MetricsScrape.of(node.metricsPort(), "main"));
            }
            return new Snapshot(cpu, chain, perNode.get(0), perNode);
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
                err.printf(Locale.ROOT, "[warm-up %3d/%d s] committed %,d (not counted)%n",
                        (now - begin) / 1_000_000_000L, (recorder.start() - begin) / 1_000_000_000L,
                        recorder.warmupCommitted.sum());
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
