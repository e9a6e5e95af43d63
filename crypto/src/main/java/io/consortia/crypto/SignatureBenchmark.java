package io.consortia.crypto;

import io.consortia.common.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures verification throughput on this machine, for capacity planning (how many
 * transactions per second a node can check). Uses the same public path as the node:
 * {@link SignatureScheme#verify}, including its key cache.
 */
public final class SignatureBenchmark {
    private SignatureBenchmark() {}

    /**
     * Signs one message, then verifies it in a loop on {@code threads} threads for
     * {@code duration}; returns the total number of verifications per second.
     */
    public static double verificationsPerSecond(SignatureScheme scheme, Duration duration, int threads) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        KeyPair keys = scheme.generateKeyPair();
        byte[] message = "consortia signature benchmark: a transaction of typical size, ~100 bytes of payload."
                .getBytes(StandardCharsets.UTF_8);
        byte[] signature = scheme.signer(keys.getPrivate()).sign(message);
        if (!scheme.verify(keys.getPublic(), message, signature)) {
            throw new IllegalStateException(scheme + " does not verify its own signature");
        }
        AtomicLong total = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            Thread worker = DaemonThreads.thread("signature-benchmark-" + t, () -> {
                long count = 0;
                while (System.nanoTime() < deadline) {
                    if (!scheme.verify(keys.getPublic(), message, signature)) {
                        throw new IllegalStateException("verification failed during benchmark");
                    }
                    count++;
                }
                total.addAndGet(count);
            });
            worker.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CryptoException("benchmark interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new CryptoException("benchmark worker failed", failures.get(0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return total.get() / seconds;
    }
}
