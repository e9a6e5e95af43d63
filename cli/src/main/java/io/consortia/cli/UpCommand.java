package io.consortia.cli;

import io.consortia.crypto.SignatureScheme;
import io.consortia.node.util.MoreFiles;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Starts a fresh local network of real node processes and keeps it running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a local network (one process per node, mutual TLS, channel 'main') and keep it "
                + "running until Ctrl-C. A network left in the directory by an earlier run is replaced; a directory that"
                + " holds anything else is refused and left as it is.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--organizations", defaultValue = "3", description = "organisations (default ${DEFAULT-VALUE})")
    int organizations;

    @Option(names = "--nodes-per-organization", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    int nodesPerOrganization;

    @Option(names = "--scheme", defaultValue = "ECDSA_P256_SHA256",
            description = "ECDSA_P256_SHA256 or SM2_SM3 (default ${DEFAULT-VALUE})")
    SignatureScheme scheme;

    @Option(names = "--dir", description = "where node files go (default .consortia/network)")
    Path dir = LocalNetwork.DEFAULT_DIR;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        Path base = dir.toAbsolutePath();
        // usage errors (exit 2) before anything is deleted: a typo must not cost an earlier network
        if (organizations < 1 || nodesPerOrganization < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--organizations and --nodes-per-organization must be at least 1");
        }
        if (!replaceable(base)) {
            throw new ParameterException(spec.commandLine(), base + " is not empty and holds no network of an"
                    + " earlier 'consortia up' (no orgs/ directory): it is left as it is; choose another --dir");
        }
        MoreFiles.deleteRecursively(base);
        out.printf("Starting %d organisation(s) x %d node(s), %s, in %s ...%n", organizations,
                nodesPerOrganization, scheme, base);
        long started = System.nanoTime();
        MiniNetwork network = MiniNetwork.builder().organizations(organizations)
                .nodesPerOrganization(nodesPerOrganization).scheme(scheme).channel("main")
                .processes(true).baseDir(base).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            network.close();
            stopped.countDown();
        }, "stop-network"));
        out.printf("Network up in %.1f s. Channel 'main' is served by:%n%n", (System.nanoTime() - started) / 1e9);
        out.printf("  %-12s %-8s %-22s %-22s %s%n", "NODE", "ORG", "API (gRPC, mTLS)", "RAFT", "METRICS / HEALTH");
        for (MiniNode node : network.nodes()) {
            out.printf("  %-12s %-8s %-22s %-22s http://127.0.0.1:%d/metrics  /health%n", node.nodeId(),
                    node.organization(), "127.0.0.1:" + node.apiPort(), "127.0.0.1:" + node.raftPort(),
                    node.metricsPort());
        }
        out.printf("%nNode configs, certificates and logs: %s/<node>/ ; organisation users: %s/orgs/<org>/%n",
                base, base);
        out.println("Try, in another terminal:");
        out.println("  ./consortia status");
        out.println("  ./consortia notarize $(echo -n hello | sha256sum | cut -c1-64) \"my first document\"");
        out.println("  ./consortia tx <transaction-id>");
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Only what {@code up} itself made is replaced: an absent or empty directory, or one with the
     * {@code orgs/} directory every network of {@code up} has ({@link LocalNetwork}). Anything else
     * given as {@code --dir} (a home directory, the checkout) would otherwise be deleted whole.
     */
    static boolean replaceable(Path base) throws IOException {
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isDirectory(base.resolve("orgs"), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(base)) {
            return entries.findAny().isEmpty();
        }
    }
}
