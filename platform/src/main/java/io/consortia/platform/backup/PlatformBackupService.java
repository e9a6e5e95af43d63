package io.consortia.platform.backup;

import io.consortia.common.archive.TarGzWriter;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.OwnerOnly;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Platform backups (platform admins): every table of the database — users, consortia, nodes,
 * channels, the explorer's index, and custody's keys, which are sealed under the master key —
 * into {@code <data-dir>/backups/platform/platform-<time>.tar.gz} with a {@code .sha256} beside
 * it. The master key is never in a backup: keep it apart; {@code ./consortia restore} asks for it.
 */
@Service
public class PlatformBackupService {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformBackupService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    static final String NAME = "platform-\\d{8}-\\d{6}-\\d{3}\\.tar\\.gz";

    private final DataSource dataSource;
    private final PlatformProperties properties;
    private final Path directory;

    PlatformBackupService(DataSource dataSource, PlatformProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.directory = properties.dataDir().toAbsolutePath().normalize().resolve("backups").resolve("platform");
    }

    /** A finished platform backup with the steps it took. */
    public record PlatformBackupView(String name, long sizeBytes, String sha256, long createdAt, String schemaVersion,
            String note, List<PlatformBackupManifest.Table> tables, List<Step> steps) {}

    public record Step(String name, String status, String detail) {}

    public PlatformBackupView create(Caller caller, String note) {
        requirePlatformAdmin(caller);
        List<Step> steps = new ArrayList<>();
        Instant now = Instant.now();
        Path file = directory.resolve("platform-" + STAMP.format(now) + ".tar.gz");
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Path scratch = directory.resolve(".scratch-" + STAMP.format(now));
        try {
            byte[] key = step(steps, "Read the master key (it stays out of the backup)", () -> masterKey());
            PlatformBackupManifest manifest = step(steps, "Export every table in one snapshot", () -> {
                try {
                    OwnerOnly.createDirectories(scratch);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create " + scratch + ": " + e.getMessage(), e);
                }
                try (Connection connection = dataSource.getConnection();
                        TarGzWriter tar = new TarGzWriter(OwnerOnly.newOutputStream(part))) {
                    DatabaseExport.Result result = DatabaseExport.write(connection, tar, scratch);
                    PlatformBackupManifest m = new PlatformBackupManifest(PlatformBackupManifest.FORMAT,
                            now.toEpochMilli(), result.schemaVersion(), result.database(), result.tables(),
                            MasterKeyCheck.of(key), note);
                    tar.add(PlatformBackupManifest.FILE, m.toJson());
                    return m;
                } catch (IOException | SQLException e) {
                    throw new IllegalStateException("Export failed: " + e.getMessage(), e);
                }
            });
            String sha256 = step(steps, "Write the archive and its SHA-256", () -> {
                try {
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                    String sha = PlatformRestore.sha256(file);
                    OwnerOnly.writeString(file.resolveSibling(file.getFileName() + ".sha256"),
                            sha + "  " + file.getFileName() + "\n");
                    return sha;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            steps.set(steps.size() - 1, new Step(steps.get(steps.size() - 1).name(), "DONE", sha256));
            LOG.info("{} took platform backup {} ({} tables)", caller.username(), file.getFileName(),
                    manifest.tables().size());
            return new PlatformBackupView(file.getFileName().toString(), size(file), sha256, now.toEpochMilli(),
                    manifest.schemaVersion(), note, manifest.tables(), steps);
        } catch (RuntimeException e) {
            LOG.warn("Platform backup failed", e);
            throw new PlatformException(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed",
                    "The platform backup failed at '" + steps.get(steps.size() - 1).name() + "': " + e.getMessage());
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(scratch.toFile());
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a leftover .part is named for what it is
            }
        }
    }

    public List<PlatformBackupView> list(Caller caller) {
        requirePlatformAdmin(caller);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches(NAME)).sorted(java.util.Comparator.reverseOrder())
                    .map(this::view).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path archive(Caller caller, String name) {
        requirePlatformAdmin(caller);
        if (name == null || !name.matches(NAME)) {
            throw PlatformException.invalid("A platform backup is named platform-YYYYMMDD-HHMMSS-mmm.tar.gz");
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw PlatformException.notFound("Platform backup", name);
        }
        return file;
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!BackupPolicy.canBackUpPlatform(caller)) {
            throw PlatformException.forbidden("Only a platform admin may back up the platform or read its backups");
        }
    }

    private PlatformBackupView view(Path file) {
        String sha = "";
        PlatformBackupManifest manifest = null;
        try {
            sha = Files.readString(file.resolveSibling(file.getFileName() + ".sha256")).trim().split("\\s+")[0];
            manifest = PlatformBackupManifest.parse(io.consortia.common.archive.TarGzReader
                    .read(file, PlatformBackupManifest.FILE, 1 << 20).orElseThrow(() -> new IOException("no manifest")));
        } catch (IOException e) {
            // listed all the same, without what cannot be read
        }
        return new PlatformBackupView(file.getFileName().toString(), size(file), sha,
                manifest == null ? 0 : manifest.createdMillis(), manifest == null ? "" : manifest.schemaVersion(),
                manifest == null ? "" : manifest.note(), manifest == null ? List.of() : manifest.tables(), List.of());
    }

    /** As the platform's MasterKey reads it: the configured key, else {@code <data-dir>/master.key}. */
    private byte[] masterKey() {
        if (!properties.masterKey().isBlank()) {
            return MasterKeyCheck.decode(properties.masterKey(), "consortia.master-key");
        }
        Path file = properties.dataDir().resolve("master.key");
        try {
            return MasterKeyCheck.decode(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
    }

    private static <T> T step(List<Step> steps, String name, Supplier<T> work) {
        steps.add(new Step(name, "RUNNING", null));
        try {
            T result = work.get();
            steps.set(steps.size() - 1, new Step(name, "DONE", null));
            return result;
        } catch (RuntimeException e) {
            steps.set(steps.size() - 1, new Step(name, "FAILED", e.getMessage()));
            throw e;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
