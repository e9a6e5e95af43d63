package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./consortia backup -o FILE}: the download, against a stand-in platform. */
class BackupCliTest {
    private static final byte[] ARCHIVE = "password hashes and sealed keys".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path dir;
    private HttpServer platform;
    private BackupCli.Connection connection;

    @BeforeEach
    void start() throws Exception {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/api/v1/platform/backups/", exchange -> {
            boolean signedIn = "Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean known = exchange.getRequestURI().getPath().endsWith("/platform-1.tar.gz");
            exchange.sendResponseHeaders(signedIn && known ? 200 : 404, signedIn && known ? ARCHIVE.length : -1);
            if (signedIn && known) {
                exchange.getResponseBody().write(ARCHIVE);
            }
            exchange.close();
        });
        platform.start();
        connection = new BackupCli.Connection();
        connection.url = "http://127.0.0.1:" + platform.getAddress().getPort();
        connection.token = "t0ken";
    }

    @AfterEach
    void stop() {
        platform.stop(0);
    }

    @Test
    void the_downloaded_archive_and_its_checksum_are_readable_by_their_owner_only() throws Exception {
        Path output = dir.resolve("platform.tar.gz");
        Files.writeString(output, "an older download, readable by all"); // the umask's 0644
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-r--r--"));

        BackupCli.download(connection, "/api/v1/platform/backups/platform-1.tar.gz", output, "ab12");

        assertThat(output).hasBinaryContent(ARCHIVE);
        assertThat(dir.resolve("platform.tar.gz.sha256")).hasContent("ab12  platform.tar.gz");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("platform.tar.gz.sha256"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_refused_download_is_an_error_not_a_file_holding_the_error_page() {
        Path output = dir.resolve("platform.tar.gz");

        assertThatThrownBy(() -> BackupCli.download(connection, "/api/v1/platform/backups/gone.tar.gz", output, "ab12"))
                .isInstanceOf(BackupCli.Refused.class).hasMessageContaining("404");
        assertThat(output).doesNotExist();
    }
}
