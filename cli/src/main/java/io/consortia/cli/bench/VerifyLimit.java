package io.consortia.cli.bench;

import io.consortia.crypto.SignatureBenchmark;
import io.consortia.crypto.SignatureScheme;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;

/**
 * The machine's ceiling for a network on it: every transaction's signature is verified once by
 * every node (by the node that admits it, and by each other node when it applies the block), so
 * {@code limit = cores × verifies-per-second-per-core ÷ (nodes × 1)} transactions per second.
 *
 * <p>Verifications per second per core are counted per CPU-second of the verifying thread, not
 * per wall-clock second: on a shared machine another process may take the core for part of the
 * measurement, which must not make the limit look lower than it is. The wall-clock figures of
 * {@link SignatureBenchmark} (one thread, all cores) are reported next to it.
 */
final class VerifyLimit {
    static final int VERIFIES_PER_TRANSACTION_PER_NODE = 1;

    private VerifyLimit() {}

    /** Call it before the nodes start, so that the JIT has compiled the verifier but nothing of ours competes. */
    static BenchReport.Limit measure(SignatureScheme scheme, Duration each, int nodes) {
        int cores = Runtime.getRuntime().availableProcessors();
        // JIT warm-up of the verifier: C2 needs a few seconds before the numbers settle, more on a
        // busy machine; a measurement of the interpreted verifier would understate the limit.
        SignatureBenchmark.verificationsPerSecond(scheme, Duration.ofMillis(Math.min(2000, 2 * each.toMillis())), cores);
        double perCpuSecond = perCpuSecond(scheme, each);
        double oneThreadWall = SignatureBenchmark.verificationsPerSecond(scheme, each, 1);
        double allWall = SignatureBenchmark.verificationsPerSecond(scheme, each, cores);
        double perCore = Math.max(perCpuSecond, oneThreadWall);
        double limit = cores * perCore / (nodes * (double) VERIFIES_PER_TRANSACTION_PER_NODE);
        return new BenchReport.Limit(cores, perCore, oneThreadWall, allWall, nodes, VERIFIES_PER_TRANSACTION_PER_NODE,
                limit, 0, perCore, null);
    }

    /** Verifications per CPU-second of this thread: the same call as the node's, {@link SignatureScheme#verify}. */
    static double perCpuSecond(SignatureScheme scheme, Duration duration) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        KeyPair keys = scheme.generateKeyPair();
        byte[] message = "consortia signature benchmark: a transaction of typical size, ~100 bytes of payload."
                .getBytes(StandardCharsets.UTF_8);
        byte[] signature = scheme.signer(keys.getPrivate()).sign(message);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + duration.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            if (!scheme.verify(keys.getPublic(), message, signature)) {
                throw new IllegalStateException(scheme + " does not verify its own signature");
            }
            count++;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return cpu <= 0 ? 0 : count / (cpu / 1e9);
    }

    static BenchReport.Limit withThroughput(BenchReport.Limit limit, double tps) {
        return new BenchReport.Limit(limit.cores(), limit.verifiesPerSecondPerCore(), limit.oneThreadWallClock(),
                limit.allCoresWallClock(), limit.nodes(), limit.verifiesPerTransactionPerNode(), limit.limitTps(),
                limit.limitTps() <= 0 ? 0 : tps / limit.limitTps(), limit.beforeRunPerCpuSecond(),
                limit.afterRunPerCpuSecond());
    }

    /**
     * The limit with verification measured again, after the nodes stopped: the higher of the two
     * speeds sets it, so the fraction is never computed against a vCPU that was slow only at the start.
     */
    static BenchReport.Limit afterRun(BenchReport.Limit limit, SignatureScheme scheme, Duration each, double tps) {
        // the same procedure as before the run, JIT warm-up included, so that the two are comparable
        double after = measure(scheme, each, limit.nodes()).verifiesPerSecondPerCore();
        double perCore = Math.max(limit.verifiesPerSecondPerCore(), after);
        double limitTps = limit.cores() * perCore / (limit.nodes() * (double) limit.verifiesPerTransactionPerNode());
        return withThroughput(new BenchReport.Limit(limit.cores(), perCore, limit.oneThreadWallClock(),
                limit.allCoresWallClock(), limit.nodes(), limit.verifiesPerTransactionPerNode(), limitTps, 0,
                limit.beforeRunPerCpuSecond(), after), tps);
    }
}
