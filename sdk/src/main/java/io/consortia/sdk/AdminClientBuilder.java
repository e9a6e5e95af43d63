package io.consortia.sdk;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

final class AdminClientBuilder implements AdminClient.Builder {
    private final ConnectionSettings connection = new ConnectionSettings();
    private Duration timeout = Duration.ofSeconds(30);

    @Override
    public AdminClient.Builder endpoint(String host, int port) {
        connection.endpoint(host, port);
        return this;
    }

    @Override
    public AdminClient.Builder connection(io.grpc.Channel channel) {
        connection.connection(channel);
        return this;
    }

    @Override
    public AdminClient.Builder tls(List<X509Certificate> trustedRoots, X509Certificate clientCertificate,
            PrivateKey clientKey) {
        connection.tls(trustedRoots, clientCertificate, clientKey);
        return this;
    }

    @Override
    public AdminClient.Builder plaintext() {
        connection.plaintext();
        return this;
    }

    @Override
    public AdminClient.Builder timeout(Duration timeout) {
        this.timeout = GatewayBuilder.positive(timeout, "timeout");
        return this;
    }

    @Override
    public AdminClient connect() {
        return new AdminClientImpl(connection.open(), timeout);
    }
}
