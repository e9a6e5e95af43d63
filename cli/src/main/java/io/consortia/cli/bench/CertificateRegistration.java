package io.consortia.cli.bench;

import io.consortia.sdk.Channel;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One notarization per client, committed before anything is signed: it registers the client's
 * certificate on the channel, so that the transactions signed afterwards name it by id.
 *
 * <p>A registration the network could not take ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED})
 * is tried again as a new transaction: under heavy CPU pressure one of 256 registrations got
 * {@code UNAVAILABLE: Network closed for unknown reason}, and the whole run stopped before its
 * load started. Repeating one that did commit although its answer was lost is harmless: the
 * certificate is registered either way. Any other refusal is a real error and ends the run.
 */
final class CertificateRegistration {
    static final int ATTEMPTS = 5;

    private final Duration pause;

    CertificateRegistration(Duration pause) {
        this.pause = pause;
    }

    /** Registers every channel's client, all at once; returns the attempts that were repeated. */
    int registerAll(List<Channel> channels) throws InterruptedException, ExecutionException, TimeoutException {
        long run = System.nanoTime();
        List<CompletableFuture<Integer>> done = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            int client = i;
            done.add(CompletableFuture.supplyAsync(() -> register(channel, run, client)));
        }
        int repeated = 0;
        for (var future : done) {
            repeated += future.get(2, TimeUnit.MINUTES);
        }
        return repeated;
    }

    /** Returns how many attempts failed before the one that committed. */
    int register(Channel channel, long run, int client) {
        for (int attempt = 0; ; attempt++) {
            String hash = String.format(Locale.ROOT, "%016x%016x%016x%016x", run, (long) client, (long) attempt, 0xce27L);
            try {
                channel.contract("notarization").submit("record", hash, "bench: registers the client's certificate");
                return attempt;
            } catch (GatewayException e) {
                if (attempt + 1 >= ATTEMPTS || !worthRepeating(e)) {
                    throw e;
                }
                LockSupport.parkNanos(pause.toNanos() * (attempt + 1));
            }
        }
    }

    /** Whether the call failed on its way (the network or the node's load), not by the node's decision. */
    static boolean worthRepeating(GatewayException e) {
        Status.Code code = e.status().map(Status::getCode).orElse(null);
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }
}
