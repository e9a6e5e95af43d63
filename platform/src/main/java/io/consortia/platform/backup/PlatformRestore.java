package io.consortia.platform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.common.archive.TarGzReader;
import io.consortia.platform.system.OwnerOnly;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.springframework.util.FileSystemUtils;

/**
 * Restores a platform backup into an EMPTY data directory and an empty database (H2 in the
 * data directory by default, or PostgreSQL). Checks come first — the archive's SHA-256, its
 * manifest, the master key (given apart from the backup: it must match the backup's key check
 * and open every sealed custody key) — then the schema is built by the platform's migrations up
 * to the backup's version, the rows are loaded in one transaction, and the migrations run on to
 * this release's. The master key is written to {@code <data>/master.key}, where the platform
 * reads it, unless the caller keeps it elsewhere ({@code consortia.master-key}). The data
 * directory is left owner-only (0700, every file in it 0600), as the platform keeps it.
 */
final class PlatformRestore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformRestore() {}

    record Target(Path dataDir, String url, String user, String password, boolean writeMasterKeyFile) {
        boolean h2() {
            return url.startsWith("jdbc:h2:");
        }
    }

    static PlatformBackupManifest restore(Path archive, String expectedSha256, Path masterKeyFile, Target target,
            Consumer<String> progress) {
        if (!Files.isRegularFile(archive)) {
            throw new RestoreException("there is no archive at " + archive);
        }
        String expected = expectedChecksum(archive, expectedSha256);
        progress.accept("Checking the archive's SHA-256");
        String actual = sha256(archive);
        if (!actual.equals(expected)) {
            throw new RestoreException("the archive's SHA-256 is " + actual + ", not " + expected
                    + ": it is damaged or not the backup that was meant; nothing was changed");
        }
        byte[] key = readMasterKey(masterKeyFile);
        requireEmpty(target.dataDir());
        boolean created = !Files.exists(target.dataDir());
        Path work = null;
        try {
            // 0700 before H2 creates its files in it with the umask; they are made 0600 at the end
            OwnerOnly.createDirectories(target.dataDir());
            OwnerOnly.restrict(target.dataDir());
            work = Files.createTempDirectory(target.dataDir().toAbsolutePath().getParent(), ".consortia-restore-");
            progress.accept("Unpacking the archive");
            TarGzReader.extract(archive, work, Long.MAX_VALUE);
            Path manifestFile = work.resolve(PlatformBackupManifest.FILE);
            if (!Files.isRegularFile(manifestFile) || !Files.isDirectory(work.resolve("database"))) {
                throw new RestoreException("the archive is not a platform backup (no manifest.json and database/)");
            }
            PlatformBackupManifest manifest = PlatformBackupManifest.parse(Files.readAllBytes(manifestFile));
            if (manifest.formatVersion() != PlatformBackupManifest.FORMAT) {
                throw new RestoreException("the backup has format " + manifest.formatVersion() + "; this release reads "
                        + PlatformBackupManifest.FORMAT);
            }
            progress.accept("Checking the master key against the backup and its custody keys");
            if (!MasterKeyCheck.of(key).equals(manifest.masterKeyCheck())) {
                throw new RestoreException("the master key in " + masterKeyFile + " is not the one this backup was taken"
                        + " with: it would not open the keys in custody; nothing was changed");
            }
            int opened = checkCustody(key, work.resolve("database").resolve("custody_keys.jsonl"));
            progress.accept("The master key opens all " + opened + " keys in custody");
            restoreDatabase(target, work.resolve("database"), manifest, progress);
            if (target.writeMasterKeyFile()) {
                writeMasterKey(target.dataDir().resolve("master.key"), key);
            }
            // password hashes and sealed keys: not left readable by others until the platform's first start
            OwnerOnly.tighten(target.dataDir());
            return manifest;
        } catch (IOException | SQLException | RuntimeException e) {
            emptyAgain(target.dataDir(), created); // it was empty (or absent): all in it is this restore's
            if (e instanceof RestoreException r) {
                throw r;
            }
            throw new RestoreException("restore failed: " + e.getMessage() + (target.h2() ? ""
                    : "; drop and create the database again before the next attempt"), e);
        } finally {
            if (work != null) {
                FileSystemUtils.deleteRecursively(work.toFile());
            }
        }
    }

    private static void emptyAgain(Path dataDir, boolean created) {
        if (created) {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
            return;
        }
        try (var entries = Files.list(dataDir)) {
            entries.forEach(p -> FileSystemUtils.deleteRecursively(p.toFile()));
        } catch (IOException e) {
            // the message of the failure says what went wrong; leftovers are the restore's own
        }
    }

    private static void restoreDatabase(Target target, Path databaseDir, PlatformBackupManifest manifest,
            Consumer<String> progress) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            requireEmptyDatabase(connection);
        }
        progress.accept("Creating the schema up to version " + manifest.schemaVersion());
        Flyway upTo = Flyway.configure().dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration").target(manifest.schemaVersion()).load();
        upTo.migrate();
        try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            String built = DatabaseTables.schemaVersion(connection);
            if (DatabaseTables.compareVersions(built, manifest.schemaVersion()) != 0) {
                throw new RestoreException("the backup's schema is version " + manifest.schemaVersion()
                        + ", this release only knows up to " + built + ": restore with the release that took it");
            }
            progress.accept("Loading " + manifest.tables().stream().mapToLong(PlatformBackupManifest.Table::rows).sum()
                    + " rows of " + manifest.tables().size() + " tables");
            DatabaseImport.load(connection, databaseDir, manifest);
        }
        progress.accept("Migrating the schema to this release");
        Flyway.configure().dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration").load().migrate();
    }

    /** PostgreSQL: the database must hold no tables; H2: its files are created in the empty data directory. */
    private static void requireEmptyDatabase(Connection connection) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            if (rs.next()) {
                throw new RestoreException("the database already has tables (" + rs.getString("TABLE_NAME")
                        + "): restore into an empty database");
            }
        }
    }

    private static int checkCustody(byte[] key, Path custody) throws IOException {
        if (!Files.isRegularFile(custody)) {
            return 0;
        }
        int opened = 0;
        try (BufferedReader lines = Files.newBufferedReader(custody, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                String context = "consortia-custody:v1:" + row.get("consortium_id").asLong() + ":"
                        + row.get("organization_id").asLong() + ":" + row.get("purpose").asText() + ":"
                        + row.get("subject").asText();
                if (!MasterKeyCheck.opens(key, row.get("sealed_key").asText(), context)) {
                    throw new RestoreException("the master key does not open the custody key " + row.get("purpose").asText()
                            + " of " + row.get("subject").asText() + ": wrong key or damaged backup; nothing was changed");
                }
                opened++;
            }
        }
        return opened;
    }

    private static void requireEmpty(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        if (!Files.isDirectory(dataDir)) {
            throw new RestoreException(dataDir + " is not a directory");
        }
        try (var entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new RestoreException("the data directory " + dataDir + " is not empty: a platform is restored"
                        + " only into an empty one");
            }
        } catch (IOException e) {
            throw new RestoreException("cannot read " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readMasterKey(Path file) {
        try {
            return MasterKeyCheck.decode(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new RestoreException("cannot read the master key file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RestoreException(e.getMessage());
        }
    }

    private static void writeMasterKey(Path file, byte[] key) throws IOException {
        OwnerOnly.writeString(file, java.util.Base64.getEncoder().encodeToString(key) + "\n");
    }

    static String expectedChecksum(Path archive, String given) {
        String expected = given;
        if (expected == null || expected.isBlank()) {
            Path sidecar = archive.resolveSibling(archive.getFileName() + ".sha256");
            if (!Files.isRegularFile(sidecar)) {
                throw new RestoreException("give the archive's SHA-256 (--sha256 HEX) or put it in " + sidecar);
            }
            try {
                expected = Files.readString(sidecar).trim().split("\\s+")[0];
            } catch (IOException e) {
                throw new RestoreException("cannot read " + sidecar + ": " + e.getMessage(), e);
            }
        }
        expected = expected.trim().toLowerCase(Locale.ROOT);
        if (!expected.matches("[0-9a-f]{64}")) {
            throw new RestoreException("the expected SHA-256 must be 64 hexadecimal digits");
        }
        return expected;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new RestoreException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a restore was refused or failed; the message is for the operator. */
    static final class RestoreException extends io.consortia.platform.system.PlatformException {
        RestoreException(String message) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, "restore-refused", message);
        }

        RestoreException(String message, Throwable cause) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, "restore-refused", message, cause);
        }
    }
}
