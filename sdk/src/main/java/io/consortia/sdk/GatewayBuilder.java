package io.consortia.sdk;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

final class GatewayBuilder implements Gateway.Builder {
    private final ConnectionSettings connection = new ConnectionSettings();
    private Identity identity;
    private Duration commitTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private boolean certificateIds = true;
    private int submitCallsInFlight = Gateway.DEFAULT_SUBMIT_CALLS_IN_FLIGHT;

    @Override
    public Gateway.Builder endpoint(String host, int port) {
        connection.endpoint(host, port);
        return this;
    }

    @Override
    public Gateway.Builder connection(io.grpc.Channel channel) {
        connection.connection(channel);
        return this;
    }

    @Override
    public Gateway.Builder identity(Identity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
        return this;
    }

    @Override
    public Gateway.Builder tls(List<X509Certificate> trustedRoots, X509Certificate clientCertificate,
            PrivateKey clientKey) {
        connection.tls(trustedRoots, clientCertificate, clientKey);
        return this;
    }

    @Override
    public Gateway.Builder plaintext() {
        connection.plaintext();
        return this;
    }

    @Override
    public Gateway.Builder commitTimeout(Duration timeout) {
        this.commitTimeout = positive(timeout, "commitTimeout");
        return this;
    }

    @Override
    public Gateway.Builder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    @Override
    public Gateway.Builder certificateIds(boolean enabled) {
        this.certificateIds = enabled;
        return this;
    }

    @Override
    public Gateway.Builder submitCallsInFlight(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("submitCallsInFlight must be at least 1 but was " + calls);
        }
        this.submitCallsInFlight = calls;
        return this;
    }

    @Override
    public Gateway connect() {
        if (identity == null) {
            throw new IllegalStateException("No identity: call identity(Identity)");
        }
        Endpoints endpoints = connection.open();
        return new GatewayImpl(new GatewayContext(endpoints, identity, requestTimeout, commitTimeout, certificateIds,
                submitCallsInFlight));
    }

    static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + duration);
        }
        return duration;
    }
}
