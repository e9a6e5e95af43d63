package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.common.archive.TarGzWriter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./consortia restore} as the script runs it (BackupCli as the main class of a JVM of its
 * own, no Spring Boot to configure logging): standard output is the command's own progress
 * lines, not the libraries' (Flyway builds the schema) log lines.
 */
class RestoreOutputTest {
    @TempDir
    Path dir;

    @Test
    void the_restore_prints_only_its_own_lines() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path masterKey = Files.writeString(dir.resolve("kept-apart.key"), Base64.getEncoder().encodeToString(key));
        // the smallest backup: the first schema's version, no rows
        PlatformBackupManifest manifest = new PlatformBackupManifest(PlatformBackupManifest.FORMAT, 0, "1", "H2",
                List.of(), MasterKeyCheck.of(key), "a test");
        Path archive = dir.resolve("platform.tar.gz");
        try (TarGzWriter tar = new TarGzWriter(Files.newOutputStream(archive))) {
            tar.add(PlatformBackupManifest.FILE, manifest.toJson());
            tar.add("database/organizations.jsonl", new byte[0]);
        }
        Files.writeString(dir.resolve("platform.tar.gz.sha256"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)))
                        + "  platform.tar.gz\n");

        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackupCli.class.getName(), "restore",
                "--from", archive.toString(), "--master-key", masterKey.toString(),
                "--data", dir.resolve("restored").toString());
        command.environment().keySet().removeIf(name -> name.startsWith("SPRING_DATASOURCE_"));
        Process restore = command.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(restore.getErrorStream()));
        String out = read(restore.getInputStream());
        assertThat(restore.waitFor(2, TimeUnit.MINUTES)).as("ended").isTrue();
        assertThat(restore.exitValue()).as(out + err.get()).isZero();

        List<String> lines = new ArrayList<>(out.lines().toList());
        assertThat(lines).as("standard output").isNotEmpty().allSatisfy(line -> assertThat(line)
                .startsWith("consortia restore: "));
        assertThat(lines.get(lines.size() - 1)).contains("restored 0 rows of 0 tables");
        assertThat(err.get()).as("standard error").doesNotContain("flywaydb", "INFO", "DEBUG", "WARN");
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
