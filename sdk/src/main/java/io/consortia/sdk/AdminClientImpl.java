package io.consortia.sdk;

import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.CreateChannelRequest;
import io.consortia.protocol.v1.JoinChannelRequest;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.protocol.v1.NodeStatusRequest;
import io.consortia.protocol.v1.ReloadCredentialsRequest;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

final class AdminClientImpl implements AdminClient {
    private final Endpoints endpoints;
    private final Duration timeout;
    private volatile boolean closed;

    AdminClientImpl(Endpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
    }

    @Override
    public ChannelResponse createChannel(ChannelConfig config) {
        Objects.requireNonNull(config, "config");
        CreateChannelRequest request = CreateChannelRequest.newBuilder().setConfig(config).build();
        return call("Create channel " + config.getName(), stub -> stub.createChannel(request));
    }

    @Override
    public ChannelResponse joinChannel(ChannelConfig config) {
        Objects.requireNonNull(config, "config");
        JoinChannelRequest request = JoinChannelRequest.newBuilder().setConfig(config).build();
        return call("Join channel " + config.getName(), stub -> stub.joinChannel(request));
    }

    @Override
    public NodeStatus status() {
        return call("Node status", stub -> stub.status(NodeStatusRequest.getDefaultInstance()));
    }

    @Override
    public ReloadCredentialsResponse reloadCredentials() {
        return call("Reload credentials", stub -> stub.reloadCredentials(ReloadCredentialsRequest.getDefaultInstance()));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            endpoints.close();
        }
    }

    private <T> T call(String what, Function<AdminServiceGrpc.AdminServiceBlockingStub, T> rpc) {
        if (closed) {
            throw new GatewayException("The admin client is closed");
        }
        try {
            return endpoints.call(channel -> rpc.apply(AdminServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (StatusRuntimeException e) {
            throw GatewayException.of(what, e);
        }
    }
}
