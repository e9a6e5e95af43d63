package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.CheckpointChunk;
import io.consortia.protocol.v1.FetchCheckpointRequest;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Downloads a peer's ledger checkpoint for a channel into a fresh directory. */
final class CheckpointClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointClient.class);
    private final TlsMaterial tls;

    CheckpointClient(TlsMaterial tls) {
        this.tls = tls;
    }

    void fetch(String apiAddress, String channel, Path target) {
        ManagedChannel grpc = PeerConnections.open(apiAddress, tls);
        try {
            io.consortia.node.util.MoreFiles.deleteRecursively(target);
            Files.createDirectories(target);
            Iterator<CheckpointChunk> chunks = PeerServiceGrpc.newBlockingStub(grpc)
                    .withDeadlineAfter(10, TimeUnit.MINUTES)
                    .fetchCheckpoint(FetchCheckpointRequest.newBuilder().setChannel(channel).build());
            long bytes = 0;
            OutputStream out = null;
            String current = null;
            while (chunks.hasNext()) {
                CheckpointChunk chunk = chunks.next();
                if (!chunk.getFile().equals(current)) {
                    if (out != null) {
                        out.close();
                    }
                    Path file = target.resolve(chunk.getFile()).normalize();
                    if (!file.startsWith(target)) {
                        throw new ChannelException("peer sent a checkpoint file outside its directory: " + chunk.getFile());
                    }
                    out = Files.newOutputStream(file);
                    current = chunk.getFile();
                }
                chunk.getData().writeTo(out);
                bytes += chunk.getData().size();
            }
            if (out != null) {
                out.close();
            }
            LOG.info("channel {}: fetched a {} KiB checkpoint from {}", channel, bytes / 1024, apiAddress);
        } catch (IOException | RuntimeException e) {
            throw new ChannelException("channel " + channel + ": fetching a checkpoint from " + apiAddress
                    + " failed: " + e.getMessage(), e);
        } finally {
            grpc.shutdownNow();
        }
    }

    @Override
    public void close() {
        // channels are per fetch; nothing is held between fetches
    }
}
