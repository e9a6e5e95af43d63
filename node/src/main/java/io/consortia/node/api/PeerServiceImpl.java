package io.consortia.node.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.util.MoreFiles;
import io.consortia.protocol.v1.CheckpointChunk;
import io.consortia.protocol.v1.FetchCheckpointRequest;
import io.consortia.protocol.v1.OrderRequest;
import io.consortia.protocol.v1.OrderResponse;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Node-to-node calls of a channel's peers: ledger checkpoints for a peer too far behind to replay
 * the log, and transactions a peer hands to the leader for ordering.
 */
final class PeerServiceImpl extends PeerServiceGrpc.PeerServiceImplBase {
    private static final int CHUNK = 1 << 20;

    private final ChannelManager channels;
    private final Authorization authorization;
    private final Path scratch;

    PeerServiceImpl(ChannelManager channels, Authorization authorization, Path scratch) {
        this.channels = channels;
        this.authorization = authorization;
        this.scratch = scratch;
    }

    @Override
    public void fetchCheckpoint(FetchCheckpointRequest request, StreamObserver<CheckpointChunk> observer) {
        Path dir = null;
        try {
            RequestLimits.channel(request.getChannel());
            ChannelRuntime runtime = channels.require(request.getChannel());
            requireMember(runtime, "fetching a checkpoint of channel ");
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, "checkpoint-" + runtime.name() + "-");
            Path target = dir.resolve("db");
            runtime.checkpoint(target);
            try (var files = Files.list(target)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    send(file, observer);
                }
            }
            observer.onCompleted();
        } catch (IOException e) {
            observer.onError(Statuses.of(new ChannelException("checkpoint failed: " + e.getMessage(), e)));
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        } finally {
            if (dir != null) {
                try {
                    MoreFiles.deleteRecursively(dir);
                } catch (IOException ignored) {
                    // a leftover scratch directory is removed with the next start's cleanup
                }
            }
        }
    }

    @Override
    public void order(OrderRequest request, StreamObserver<OrderResponse> observer) {
        try {
            RequestLimits.channel(request.getChannel());
            ChannelRuntime runtime = channels.require(request.getChannel());
            requireMember(runtime, "handing transactions to the leader of channel ");
            channels.orderForPeer(runtime.name(), request.getTransactionsList()).whenComplete((ordered, error) -> {
                if (error != null) {
                    observer.onError(Statuses.of(error instanceof java.util.concurrent.CompletionException
                            && error.getCause() != null ? error.getCause() : error));
                } else {
                    observer.onNext(OrderResponse.getDefaultInstance());
                    observer.onCompleted();
                }
            });
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        }
    }

    /** The caller (by its mutual-TLS certificate) must be a node of one of the channel's organisations. */
    private void requireMember(ChannelRuntime runtime, String what) {
        List<String> orgs = runtime.config().getOrganizationsList().stream().map(Organization::getName).toList();
        authorization.requireNode(orgs, what + runtime.name());
    }

    private static void send(Path file, StreamObserver<CheckpointChunk> observer) throws IOException {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            boolean sent = false;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0 || !sent) {
                ByteString data = n > 0 ? UnsafeByteOperations.unsafeWrap(buffer.clone(), 0, n) : ByteString.EMPTY;
                observer.onNext(CheckpointChunk.newBuilder().setFile(name).setData(data)
                        .setEndOfFile(n < CHUNK).build());
                sent = true;
                if (n < CHUNK) {
                    break;
                }
            }
        }
    }
}
