package io.consortia.node.backup;

import io.consortia.node.config.NodeConfig;
import io.consortia.node.util.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore staged while the node runs and applied when it next starts: a running node cannot
 * swap the channels it has open, and where it runs in a pod nobody else reaches its volume to
 * run {@code --restore} there. The stage survives restarts:
 * <pre>
 * restore-staged/archive.tar.gz          an archive that passed {@link NodeRestore#check}
 * restore-staged/archive.tar.gz.sha256   its SHA-256, written last: only a complete stage has it
 * </pre>
 * A stage is tried once: the start that finds it takes it away before applying it, so a restore
 * that fails (or a crash while applying) does not come back at every start after.
 */
public final class RestoreStage {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreStage.class);
    static final String DIR = "restore-staged";
    static final String ARCHIVE = "archive.tar.gz";
    static final String SIDECAR = ARCHIVE + ".sha256";
    /** Left free on the data directory's disk by an upload and its check: the node keeps committing meanwhile. */
    static final long MARGIN_BYTES = 256L << 20;

    private final NodeConfig config;
    private final LongSupplier usableBytes;
    private final AtomicBoolean uploading = new AtomicBoolean();

    public RestoreStage(NodeConfig config) {
        this(config, () -> usableSpace(config.dataDir()));
    }

    /** @param usableBytes what the data directory's disk has free now */
    RestoreStage(NodeConfig config, LongSupplier usableBytes) {
        this.config = config;
        this.usableBytes = usableBytes;
    }

    /** What a start did with the stage it found. */
    public record Outcome(String sha256, boolean applied, String reason, long atMillis,
                          List<BackupManifest.ChannelEntry> channels) {}

    /**
     * Starts receiving an archive; empty while another is received or checked, since two
     * uploads would both pass their checks and the last to finish would silently win.
     *
     * @param sha256 64 hexadecimal digits, or the upload is refused with a {@link BackupException}
     */
    Optional<RestoreUpload> begin(String sha256) throws IOException {
        String expected = NodeRestore.normalizedSha256(sha256);
        if (!uploading.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            // under tmp/, which the node empties when it starts: an upload cut short leaves nothing behind
            Path tmp = Files.createDirectories(config.dataDir().resolve("tmp"));
            Path file = tmp.resolve("restore-upload-" + UUID.randomUUID() + ".tar.gz");
            return Optional.of(new RestoreUpload(this, file, expected, spareBytes()));
        } catch (IOException | RuntimeException e) {
            uploading.set(false);
            throw e;
        }
    }

    /** How much an upload, or the check's extracted copy, may take before the node runs short of disk. */
    long spareBytes() {
        return usableBytes.getAsLong() - MARGIN_BYTES;
    }

    void ended() {
        uploading.set(false);
    }

    NodeConfig config() {
        return config;
    }

    /**
     * Makes a checked archive the stage, replacing an earlier one. The earlier checksum goes first
     * and the new one comes last, so that a failure in between leaves a stage without checksum,
     * which the next start reports as not applied, never an archive with another one's checksum.
     * {@code archive} is under the data directory's tmp/: on the same disk, so moves are renames.
     */
    void keep(Path archive, String sha256) throws IOException {
        Path dir = Files.createDirectories(config.dataDir().resolve(DIR));
        Path sidecar = dir.resolve(SIDECAR);
        Files.deleteIfExists(sidecar);
        Files.move(archive, dir.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path written = Files.writeString(dir.resolve(SIDECAR + ".tmp"), sha256 + "  " + ARCHIVE + "\n");
        Files.move(written, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Applies the staged archive, if there is one, with {@link NodeRestore#restore}; to be called
     * when the node starts, before it opens its channels and their Raft storage. Never throws: a
     * restore that fails changed nothing, and the node starts with its previous data.
     */
    public static Optional<Outcome> applyIfStaged(NodeConfig config) {
        Path staged = config.dataDir().resolve(DIR);
        if (!Files.exists(staged.resolve(ARCHIVE)) && !Files.exists(staged.resolve(SIDECAR))) {
            deleteQuietly(staged); // at most a checksum being written when the node stopped
            return Optional.empty();
        }
        long at = System.currentTimeMillis();
        Path taken = config.dataDir().resolve("tmp").resolve("restore-applying-" + UUID.randomUUID());
        String sha256 = "";
        try {
            Files.createDirectories(taken.getParent());
            Files.move(staged, taken, StandardCopyOption.ATOMIC_MOVE);
            sha256 = readSidecar(taken);
            NodeRestore.Result result = NodeRestore.restore(config, taken.resolve(ARCHIVE), sha256);
            LOG.info("applied the staged restore {}: {}", sha256, result.manifest().channels().stream()
                    .map(c -> "channel " + c.name() + " at height " + c.height() + " (applied index "
                            + c.appliedIndex() + ")").collect(Collectors.joining(", ")));
            return Optional.of(new Outcome(sha256, true, "", at, result.manifest().channels()));
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException ? "cannot take the staged archive: " + e.getMessage()
                    : e.getMessage();
            LOG.warn("did not apply the staged restore {}; the node starts with its previous data: {}",
                    sha256.isEmpty() ? "(no checksum)" : sha256, reason);
            return Optional.of(new Outcome(sha256, false, reason, at, List.of()));
        } finally {
            deleteQuietly(taken);
            deleteQuietly(staged); // only when it could not be taken: tried once all the same
        }
    }

    /**
     * Drops a staged archive: a restore made by hand on the stopped node is the later one, and the
     * stage must not undo it at the next start. Returns whether one was waiting.
     */
    public static boolean discard(NodeConfig config) {
        Path staged = config.dataDir().resolve(DIR);
        if (!Files.exists(staged)) {
            return false;
        }
        deleteQuietly(staged);
        return true;
    }

    private static String readSidecar(Path dir) throws IOException {
        Path sidecar = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            throw new BackupException("the staged restore is incomplete (it has no checksum): the node stopped while"
                    + " it was being staged");
        }
        String[] words = Files.readString(sidecar).trim().split("\\s+");
        return words.length == 0 ? "" : words[0];
    }

    private static long usableSpace(Path dataDir) {
        try {
            return Files.getFileStore(Files.createDirectories(dataDir)).getUsableSpace();
        } catch (IOException e) {
            throw new BackupException("cannot tell how much space " + dataDir + " has: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            MoreFiles.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
