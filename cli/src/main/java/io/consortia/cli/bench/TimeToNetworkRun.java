package io.consortia.cli.bench;

import io.consortia.crypto.SignatureScheme;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/** {@code consortia bench --time-to-network}: on the platform's REST API or on the testkit alone. */
final class TimeToNetworkRun {
    private final TimeToNetworkOptions options;
    private final NetworkOptions network;
    private final ReportOptions report;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, CommandLine.ParameterException> badOption;

    TimeToNetworkRun(TimeToNetworkOptions options, NetworkOptions network, ReportOptions report, PrintStream out,
            PrintStream err, Function<String, CommandLine.ParameterException> badOption) {
        this.options = options;
        this.network = network;
        this.report = report;
        this.out = out;
        this.err = err;
        this.badOption = badOption;
    }

    int run() throws IOException, InterruptedException {
        String started = BenchCommand.now();
        double loadBefore = ProcFs.loadAverage();
        int runs = Math.max(1, options.runs);
        SignatureScheme scheme = network.scheme;
        Object result;
        if ("testkit".equalsIgnoreCase(options.on)) {
            List<TimeToNetwork.Row> rows = TimeToNetwork.measure(options.organizationCounts, runs, scheme, err);
            TimeToNetwork.Report testkit = new TimeToNetwork.Report("consortia bench --time-to-network",
                    TimeToNetwork.LABEL, started, scheme.name(), BenchCommand.machine(loadBefore, ProcFs.loadAverage()),
                    rows);
            TimeToNetwork.print(out, testkit);
            result = testkit;
        } else if ("platform".equalsIgnoreCase(options.on)) {
            result = onPlatform(started, loadBefore, runs, scheme);
        } else {
            throw badOption.apply("--time-to-network-on must be platform or testkit");
        }
        if (report.json != null) {
            Path parent = report.json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BenchReport.mapper().writeValue(report.json.toFile(), result);
            err.println("[bench] JSON report written to " + report.json.toAbsolutePath());
        }
        return 0;
    }

    private PlatformTimeToNetwork.Report onPlatform(String started, double loadBefore, int runs,
            SignatureScheme scheme) throws IOException, InterruptedException {
        if (scheme != SignatureScheme.ECDSA_P256_SHA256) {
            throw badOption.apply("--time-to-network on the platform uses ECDSA P-256 consortia");
        }
        Path logs = network.baseDir == null ? null : network.baseDir.resolve("node-logs");
        List<PlatformTimeToNetwork.Row> rows;
        String platform;
        Double platformStart = null;
        if (options.platformUrl != null) {
            String password = options.platformAdminPassword != null ? options.platformAdminPassword
                    : System.getenv("CONSORTIA_ADMIN_PASSWORD");
            if (password == null) {
                throw badOption.apply("--platform-url needs --platform-admin-password or CONSORTIA_ADMIN_PASSWORD");
            }
            platform = options.platformUrl;
            rows = PlatformTimeToNetwork.measure(options.platformUrl, password, options.organizationCounts, runs, logs,
                    err);
        } else {
            Path jar = options.platformJar != null ? options.platformJar : defaultPlatformJar();
            try (PlatformTimeToNetwork.LocalPlatform local = PlatformTimeToNetwork.LocalPlatform.start(jar,
                    network.baseDir, report.profileDir, options.platformOptions, err)) {
                platform = local.url + " (started by the benchmark from " + jar.getFileName()
                        + (network.baseDir == null ? ", temporary data directory)" : ", data in " + local.dataDir + ")");
                platformStart = local.startSeconds;
                rows = PlatformTimeToNetwork.measure(local.url, local.adminPassword, options.organizationCounts, runs,
                        logs, err);
            }
        }
        PlatformTimeToNetwork.Report onPlatform = new PlatformTimeToNetwork.Report(
                "consortia bench --time-to-network", PlatformTimeToNetwork.LABEL, started, platform,
                "ECDSA_P256_SHA256", platformStart, BenchCommand.machine(loadBefore, ProcFs.loadAverage()), rows);
        PlatformTimeToNetwork.print(out, onPlatform);
        return onPlatform;
    }

    /** platform/target/consortia-platform.jar of the checkout this cli jar was built in, else of the working directory. */
    static Path defaultPlatformJar() {
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
}
