package io.consortia.sdk;

import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.CreateChannelRequest;
import io.consortia.protocol.v1.JoinChannelRequest;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.protocol.v1.NodeStatusRequest;
import io.consortia.protocol.v1.BackupChunk;
import io.consortia.protocol.v1.BackupRequest;
import io.consortia.protocol.v1.ReloadCredentialsRequest;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
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
    public String backup(List<String> channels, OutputStream out) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(out, "out");
        BackupRequest request = BackupRequest.newBuilder().addAllChannels(channels).build();
        return call("Backup", longCallMillis(), stub -> {
            MessageDigest sha256 = sha256();
            Iterator<BackupChunk> chunks = stub.backup(request);
            try {
                while (chunks.hasNext()) {
                    BackupChunk chunk = chunks.next();
                    chunk.getData().writeTo(out);
                    sha256.update(chunk.getData().asReadOnlyByteBuffer());
                    if (chunk.getLast()) {
                        String received = HexFormat.of().formatHex(sha256.digest());
                        if (!received.equalsIgnoreCase(chunk.getSha256())) {
                            throw new GatewayException("Backup: the bytes received hash to " + received
                                    + " but the node sent " + chunk.getSha256() + "; discard them");
                        }
                        return received;
                    }
                }
            } catch (IOException e) {
                throw new GatewayException("Backup: cannot write the archive: " + e.getMessage(), e);
            } catch (StatusRuntimeException e) {
                // not retried on another endpoint: part of the archive may be written to `out` already
                throw GatewayException.of("Backup", e);
            }
            throw new GatewayException("Backup: the node ended the stream without its last chunk");
        });
    }

    @Override
    public StagedRestore stageRestore(Path archive, String sha256) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(sha256, "sha256");
        if (closed) {
            throw new GatewayException("The admin client is closed");
        }
        if (!Files.isRegularFile(archive)) {
            throw new GatewayException("Stage restore: there is no archive at " + archive);
        }
        try {
            // the archive is read again from its start on each endpoint tried
            return endpoints.call(channel -> RestoreUploader.upload(channel, longCallMillis(), archive, sha256));
        } catch (StatusRuntimeException e) {
            throw GatewayException.of("Stage restore", e);
        }
    }

    /** Calls that move a whole archive. */
    private long longCallMillis() {
        return Math.max(10 * timeout.toMillis(), Duration.ofMinutes(10).toMillis());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        return call(what, timeout.toMillis(), rpc);
    }

    private <T> T call(String what, long deadlineMillis, Function<AdminServiceGrpc.AdminServiceBlockingStub, T> rpc) {
        if (closed) {
            throw new GatewayException("The admin client is closed");
        }
        try {
            return endpoints.call(channel -> rpc.apply(AdminServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)));
        } catch (StatusRuntimeException e) {
            throw GatewayException.of(what, e);
        }
    }
}
