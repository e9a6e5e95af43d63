package io.consortia.cli.bench;

import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Time to network" on the testkit's local processes (the platform's deployer does not exist
 * yet): from the call to {@code MiniNetwork.builder()...start()} — certificate authorities,
 * node files, one JVM per node, channel creation, leader election — to the first block with a
 * transaction committed (one notarization submitted right after start returns).
 */
final class TimeToNetwork {
    static final String LABEL = "time to network (testkit local processes)";

    /**
     * @param startSeconds     until start() returned (every node healthy, channel created, leader elected)
     * @param firstBlockSeconds until the first transaction's block committed
     */
    record Row(int organizations, int run, double startSeconds, double firstBlockSeconds, long blockNumber) {}

    /** The JSON of {@code --time-to-network}. */
    record Report(String tool, String label, String startedAt, String scheme, BenchReport.Machine machine,
            List<Row> runs) {}

    private TimeToNetwork() {}

    static List<Row> measure(List<Integer> organizationCounts, int runs, SignatureScheme scheme, PrintStream progress) {
        List<Row> rows = new ArrayList<>();
        for (int organizations : organizationCounts) {
            for (int run = 1; run <= runs; run++) {
                progress.printf(Locale.ROOT, "[time to network] %d organisations, run %d/%d ...%n", organizations, run, runs);
                long t0 = System.nanoTime();
                try (MiniNetwork network = MiniNetwork.builder().organizations(organizations).nodesPerOrganization(1)
                        .scheme(scheme).channel("main").processes(true).start()) {
                    long started = System.nanoTime();
                    Gateway gateway = network.gateway(0);
                    String hash = String.format(Locale.ROOT, "%064x", t0 & Long.MAX_VALUE);
                    SubmitResult result = gateway.channel("main").contract("notarization")
                            .submit("record", hash, "time to network");
                    long committed = System.nanoTime();
                    Row row = new Row(organizations, run, (started - t0) / 1e9, (committed - t0) / 1e9,
                            result.blockNumber());
                    progress.printf(Locale.ROOT, "[time to network] %d organisations: network up in %.1f s, "
                            + "first block (#%d) committed at %.1f s%n", organizations, row.startSeconds(),
                            row.blockNumber(), row.firstBlockSeconds());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static void print(PrintStream out, Report report) {
        List<String[]> rows = new ArrayList<>();
        for (Row r : report.runs()) {
            rows.add(BenchReport.row(r.organizations() + " organisations (run " + r.run() + ")",
                    String.format(Locale.ROOT, "network up %.1f s, first committed block %.1f s",
                            r.startSeconds(), r.firstBlockSeconds())));
        }
        rows.add(BenchReport.row("machine", report.machine().cores() + " cores, " + report.machine().java()
                + ", load " + BenchReport.fmt(report.machine().loadAverageBefore(), 2) + " -> "
                + BenchReport.fmt(report.machine().loadAverageAfter(), 2)));
        BenchReport.table(out, "Consortia " + LABEL + ", " + report.scheme() + ", " + report.startedAt(), rows);
    }
}
