package io.consortia.sdk;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A connection to one or more Consortia nodes, acting as one {@link Identity}. The entry
 * point of the SDK: open it once, use it from many threads, close it when done.
 *
 * <pre>{@code
 * Identity identity = Identity.of("org1", userCertificate, userKey);
 * try (Gateway gateway = Gateway.newInstance()
 *         .endpoint("node0.org1.example", 7051)
 *         .endpoint("node1.org1.example", 7051)          // failover
 *         .identity(identity)
 *         .tls(List.of(tlsRootOrg1, tlsRootOrg2), clientTlsCertificate, clientTlsKey)
 *         .connect()) {
 *     Contract notarization = gateway.channel("main").contract("notarization");
 *     SubmitResult result = notarization.submit("record", documentHash, "contract.pdf");
 *     System.out.println("recorded in block " + result.blockNumber());
 * }
 * }</pre>
 *
 * <p>Endpoints are tried in order; a call moves to the next one only when a node cannot be
 * reached. Every node of a channel serves every call.
 */
public interface Gateway extends AutoCloseable {

    /** A builder with defaults: 30 s commit timeout, 10 s request timeout. */
    static Builder newInstance() {
        return new GatewayBuilder();
    }

    /** The identity that signs this gateway's transactions. */
    Identity identity();

    /**
     * A channel (one ledger) by name. Cheap: no call is made until the channel is used.
     *
     * @throws NullPointerException if name is null
     */
    Channel channel(String name);

    /** Stops block subscriptions and closes the connections the gateway opened. */
    @Override
    void close();

    /** The default of {@link Builder#submitCallsInFlight(int)}. */
    int DEFAULT_SUBMIT_CALLS_IN_FLIGHT = 4;

    /** Configures and opens a {@link Gateway}. Every argument is checked when given. */
    interface Builder {
        /** A node to connect to; call several times to add failover endpoints. */
        Builder endpoint(String host, int port);

        /**
         * An existing gRPC channel to use as an endpoint (for example an in-process channel in
         * tests, or one configured with options this builder does not offer). The caller keeps
         * ownership: {@link Gateway#close()} does not shut it down.
         */
        Builder connection(io.grpc.Channel channel);

        /** The identity that signs transactions. Required. */
        Builder identity(Identity identity);

        /**
         * Mutual TLS: trust the given roots (every organisation's TLS root, as nodes of other
         * organisations may answer) and present the client certificate.
         */
        Builder tls(List<X509Certificate> trustedRoots, X509Certificate clientCertificate, PrivateKey clientKey);

        /** No TLS at all. For tests only: nodes normally refuse plaintext clients. */
        Builder plaintext();

        /** How long {@link Contract#submit} waits for a block; default 30 s. */
        Builder commitTimeout(Duration timeout);

        /** Deadline of every other call (evaluate, ledger queries, admission); default 10 s. */
        Builder requestTimeout(Duration timeout);

        /**
         * Whether transactions name the identity's certificate by its id once it is registered on
         * the channel; default true. A transaction carrying the certificate registers it when it
         * commits as VALID; after the gateway has seen that, the channel's later transactions
         * carry only the certificate's hash, about a third of their size otherwise. A node that
         * has not caught up with the registration refuses them as {@code UNKNOWN_CERTIFICATE}:
         * {@link Contract#submit} then signs again with the certificate and retries once, and the
         * gateway carries the certificate until it sees a commit again. False: always carry it.
         */
        Builder certificateIds(boolean enabled);

        /**
         * How many submit calls of one channel may be on their way to the node at once; default 4.
         * A submission made while one of them is free goes out at once, alone. Submissions that the
         * application's threads make while all of them are taken wait for the first to return and
         * then go together in one call (up to 2,000 transactions or 2 MiB), each caller still
         * getting its own answers. One call of many costs the node and the client far less than
         * many calls of one; a lone caller never waits for company.
         *
         * @throws IllegalArgumentException if calls is less than 1
         */
        Builder submitCallsInFlight(int calls);

        /**
         * Opens the connections. Connecting is lazy in gRPC: an unreachable node is reported
         * by the first call, not here.
         *
         * @throws IllegalStateException if no endpoint or identity was given, or neither TLS nor plaintext chosen
         */
        Gateway connect();
    }
}
