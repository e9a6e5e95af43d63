package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./consortia backup-node ...} when no platform answers: the error names the address the user gave. */
class BackupCliUnreachableTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String nobody;

    @BeforeEach
    void aPortNobodyListensOn() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private int backupNode(String url, Map<String, String> env) throws Exception {
        BackupCli.BackupNode command = new BackupCli.BackupNode();
        command.nodeId = "c1-org1-0";
        command.connection.url = url;
        command.connection.env = env;
        command.connection.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return command.call();
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void given_url_it_names_the_url_not_consortia_url() throws Exception {
        int exit = backupNode(nobody, Map.of("CONSORTIA_TOKEN", "t0ken", "CONSORTIA_URL", "http://elsewhere:9"));

        assertThat(exit).isEqualTo(2);
        assertThat(error()).isEqualTo("consortia: the platform does not answer at " + nobody
                + " (given with --url); is it running?\n");
        assertThat(error()).doesNotContain("CONSORTIA_URL").doesNotContain("elsewhere");
    }

    @Test
    void from_the_environment_it_names_consortia_url_and_its_value() throws Exception {
        int exit = backupNode(null, Map.of("CONSORTIA_TOKEN", "t0ken", "CONSORTIA_URL", nobody + "/"));

        assertThat(exit).isEqualTo(2);
        assertThat(error()).isEqualTo("consortia: the platform does not answer at " + nobody
                + " (from CONSORTIA_URL); is it running?\n");
    }

    @Test
    void with_neither_it_names_the_default_and_how_to_choose_another() {
        BackupCli.Connection connection = new BackupCli.Connection();
        connection.env = Map.of();

        assertThat(connection.where()).isEqualTo("http://localhost:8080 (the default; give --url or set "
                + "CONSORTIA_URL for another platform)");
    }
}
