package io.consortia.platform.backup;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./consortia restore --from backup.tar.gz --master-key FILE --data DIR}: restores a
 * platform backup into an empty data directory (see {@link PlatformRestore}); afterwards
 * {@code ./consortia start --consortia.data-dir=DIR} runs the restored platform. The database is
 * H2 in DIR unless SPRING_DATASOURCE_URL (or --db-url) names another, e.g. PostgreSQL, whose
 * user and password come from SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD — the
 * same variables the platform reads. Exit 0 when restored, 2 when refused (nothing changed).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a platform backup into an empty data directory.")
public final class RestoreMain implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "ARCHIVE", description = "the platform backup (.tar.gz)")
    Path from;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "the archive's SHA-256 (default: read from ARCHIVE.sha256)")
    String sha256;

    @Option(names = "--master-key", required = true, paramLabel = "FILE",
            description = "the master key (base64 of 32 bytes, as in master.key), kept apart from backups")
    Path masterKey;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the new, empty data directory")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "the empty database (default: SPRING_DATASOURCE_URL, else H2 in DIR/db/platform)")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "default: SPRING_DATASOURCE_USERNAME, else sa")
    String dbUser;

    @Option(names = "--no-master-key-file",
            description = "do not write DIR/master.key (the platform then needs CONSORTIA_MASTER_KEY)")
    boolean noMasterKeyFile;

    @Override
    public Integer call() {
        Path dir = data.toAbsolutePath().normalize();
        String url = firstOf(dbUrl, System.getenv("SPRING_DATASOURCE_URL"), "jdbc:h2:file:" + dir.resolve("db/platform"));
        String user = firstOf(dbUser, System.getenv("SPRING_DATASOURCE_USERNAME"), "sa");
        String password = firstOf(System.getenv("SPRING_DATASOURCE_PASSWORD"), "");
        try {
            PlatformBackupManifest manifest = PlatformRestore.restore(from, sha256, masterKey,
                    new PlatformRestore.Target(dir, url, user, password, !noMasterKeyFile),
                    step -> System.out.println("consortia restore: " + step));
            long rows = manifest.tables().stream().mapToLong(PlatformBackupManifest.Table::rows).sum();
            System.out.println("consortia restore: restored " + rows + " rows of " + manifest.tables().size()
                    + " tables into " + dir + (url.startsWith("jdbc:h2:") ? "" : " and " + url)
                    + "; start it with: " + (noMasterKeyFile
                            ? "CONSORTIA_MASTER_KEY=\"$(cat " + masterKey.toAbsolutePath() + ")\" " : "")
                    + "./consortia start --consortia.data-dir=" + dir);
            return 0;
        } catch (PlatformRestore.RestoreException e) {
            System.err.println("consortia restore: " + e.getMessage());
            return 2;
        }
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    public static void main(String[] args) {
        CliLogging.errorsOnStandardError();
        System.exit(new CommandLine(new RestoreMain()).execute(args));
    }
}
