package io.consortia.node.backup;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.BackupChunk;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Streams a {@link NodeBackup} as {@link BackupChunk}s while it is written: no archive is kept
 * on the node. Each chunk waits until the caller's transport takes more, so a slow reader holds
 * the writer back instead of the node buffering the whole archive in memory. The last chunk
 * carries no data and the SHA-256 of every byte sent.
 */
public final class BackupStreamer {
    static final int CHUNK = 1 << 20;

    private BackupStreamer() {}

    /** Writes the backup to {@code observer} (without completing it) and returns its manifest. */
    public static BackupManifest stream(NodeBackup backup, List<String> channels, StreamObserver<BackupChunk> observer) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ChunkOutput chunks = new ChunkOutput(observer, Context.current());
        BackupManifest manifest = backup.write(channels, new DigestOutputStream(chunks, sha256));
        observer.onNext(BackupChunk.newBuilder().setLast(true).setSha256(Hashes.hex(sha256.digest())).build());
        return manifest;
    }

    private static final class ChunkOutput extends OutputStream {
        private final StreamObserver<BackupChunk> observer;
        private final Context call;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;

        ChunkOutput(StreamObserver<BackupChunk> observer, Context call) {
            this.observer = observer;
            this.call = call;
        }

        @Override
        public void write(int b) throws IOException {
            if (filled == CHUNK) {
                send();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == CHUNK) {
                    send();
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (filled > 0) {
                send();
            }
        }

        private void send() throws IOException {
            awaitReady();
            observer.onNext(BackupChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, filled)).build());
            filled = 0;
        }

        /**
         * The transport's readiness changes on its own threads, but the onReady callback would
         * run on this call's executor, which this thread occupies: so it is polled, briefly.
         */
        private void awaitReady() throws IOException {
            if (!(observer instanceof ServerCallStreamObserver<BackupChunk> server)) {
                return;
            }
            while (!server.isReady()) {
                if (call.isCancelled()) {
                    throw new IOException("the caller cancelled the backup or its deadline passed");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the caller was not reading", e);
                }
            }
        }
    }
}
