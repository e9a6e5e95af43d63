package io.consortia.cli.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/** What load {@code consortia bench} offers: how many clients, how long, which workload, at what rate. */
final class LoadOptions {
    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients C (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "measured time (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "load before measuring, not counted (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--workload", defaultValue = "notarization",
            description = "notarization | asset | asset-contention | token | wasm-notarize (default ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--rate", description = "fixed offered load in tx/s over all clients (default: as fast as "
            + "answers come, i.e. maximum throughput); latency then counts from when each call was due")
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

    @Option(names = "--connections", description = "gRPC connections the clients share, spread over the nodes "
            + "(default: one per client, as separate applications would have; the platform's REST path shares one "
            + "per node among all its callers, as an application with many threads and one gateway does)")
    Integer connections;

    @Option(names = "--submit-calls-in-flight", description = "the SDK's submitCallsInFlight on every client "
            + "gateway: submit calls of one connection on their way at once; what the clients sharing it submit "
            + "meanwhile goes together in the next call (default: the SDK's, 4; matters only with --connections)")
    Integer submitCallsInFlight;

    @Option(names = "--hot-assets", defaultValue = "64",
            description = "contended assets of asset-contention (default ${DEFAULT-VALUE})")
    int hotAssets;

    /** Connections the clients share: {@code --connections}, at most one per client. */
    int connections() {
        return connections == null ? clients : Math.max(1, Math.min(connections, clients));
    }

    /** The SDK's submit calls in flight per connection: {@code --submit-calls-in-flight} or its default. */
    int submitCallsInFlight() {
        return submitCallsInFlight == null ? io.consortia.sdk.Gateway.DEFAULT_SUBMIT_CALLS_IN_FLIGHT : submitCallsInFlight;
    }

    /** Transactions per call: {@code --batch}, or smaller at a fixed rate (about 10 calls a second per client). */
    int perCall() {
        return rate == null ? batch : (int) Math.max(1, Math.min(batch, Math.round(rate / clients / 10)));
    }

    /** Nanoseconds between one client's calls at a fixed rate; 0 for maximum throughput. */
    long intervalNanos() {
        return rate == null ? 0 : (long) (perCall() * (double) clients * 1e9 / rate);
    }
}
