package io.consortia.cli.bench;

import io.consortia.crypto.SignatureBenchmark;
import io.consortia.crypto.SignatureScheme;
import java.time.Duration;

/**
 * The machine's ceiling for a network on it: every transaction's signature is verified once by
 * every node (by the node that admits it, and by each other node when it applies the block), so
 * {@code limit = cores × verifies-per-second-per-core ÷ (nodes × 1)} transactions per second.
 */
final class VerifyLimit {
    static final int VERIFIES_PER_TRANSACTION_PER_NODE = 1;

    private VerifyLimit() {}

    /** Measures 1 thread and all cores, after a short JIT warm-up; call it on a quiet machine, before the nodes start. */
    static BenchReport.Limit measure(SignatureScheme scheme, Duration each, int nodes) {
        int cores = Runtime.getRuntime().availableProcessors();
        SignatureBenchmark.verificationsPerSecond(scheme, Duration.ofMillis(Math.max(200, each.toMillis() / 4)), cores);
        double one = SignatureBenchmark.verificationsPerSecond(scheme, each, 1);
        double all = SignatureBenchmark.verificationsPerSecond(scheme, each, cores);
        double limit = cores * one / (nodes * (double) VERIFIES_PER_TRANSACTION_PER_NODE);
        return new BenchReport.Limit(cores, one, all, nodes, VERIFIES_PER_TRANSACTION_PER_NODE, limit, 0);
    }

    static BenchReport.Limit withThroughput(BenchReport.Limit limit, double tps) {
        return new BenchReport.Limit(limit.cores(), limit.verifiesPerSecondPerCore(), limit.verifiesPerSecondAllCores(),
                limit.nodes(), limit.verifiesPerTransactionPerNode(), limit.limitTps(),
                limit.limitTps() <= 0 ? 0 : tps / limit.limitTps());
    }
}
