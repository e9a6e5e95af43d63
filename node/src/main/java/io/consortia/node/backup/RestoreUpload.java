package io.consortia.node.backup;

import io.consortia.crypto.Hashes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One archive being received for a {@link RestoreStage}: written to a file under tmp/ and hashed
 * as it arrives, bounded by the disk space the node can spare. {@link #close()} always follows,
 * whether it was kept or not: it removes what is left and lets the next upload begin.
 */
final class RestoreUpload implements AutoCloseable {
    private final RestoreStage stage;
    private final Path file;
    private final String expectedSha256;
    private final long limit;
    private final OutputStream out;
    private final MessageDigest digest;
    private long received;
    private boolean closed;

    RestoreUpload(RestoreStage stage, Path file, String expectedSha256, long limit) throws IOException {
        this.stage = stage;
        this.file = file;
        this.expectedSha256 = expectedSha256;
        this.limit = Math.max(0, limit);
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code bytes} more still leave the disk space the node needs. */
    boolean fits(long bytes) {
        return received + bytes <= limit;
    }

    long limit() {
        return limit;
    }

    void write(ByteBuffer data) throws IOException {
        received += data.remaining();
        digest.update(data.duplicate());
        while (data.hasRemaining()) {
            byte[] chunk = new byte[Math.min(data.remaining(), 1 << 16)];
            data.get(chunk);
            out.write(chunk);
        }
    }

    /**
     * Checks the archive received as {@code --restore} would, and keeps it as the stage.
     *
     * @throws BackupException when the archive is refused: nothing was staged, an earlier stage stays
     * @throws IOException when the node could not keep it
     */
    BackupManifest keep() throws IOException {
        out.close();
        String actual = Hashes.hex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new BackupException("the archive's SHA-256 is " + actual + ", not " + expectedSha256
                    + " (the first chunk's): it is damaged or not the backup that was meant; nothing was staged");
        }
        // its extracted copy is bounded like the upload: what the disk can spare once the archive is on it
        BackupManifest manifest = NodeRestore.check(stage.config(), file, Math.max(0, stage.spareBytes()));
        stage.keep(file, actual);
        return manifest;
    }

    String sha256() {
        return expectedSha256;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // under tmp/: the node removes it when it starts
        } finally {
            stage.ended();
        }
    }
}
