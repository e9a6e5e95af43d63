package io.consortia.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.cli.ConsortiaCliAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code consortia keys open} against a bundle that the platform's own export code sealed
 * (exported-bundle.json, passphrase "four random words here"; its ADMIN and CLIENT_TLS entries
 * both hold bundled-admin.key/.crt, a throwaway test key), so the format of both sides must agree.
 */
class OpenCommandTest {
    private static final String PASSPHRASE = "four random words here";

    @TempDir
    Path dir;
    private Path bundle;
    private Path passphraseFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, resource("exported-bundle.json"));
        passphraseFile = dir.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
    }

    @Test
    void opens_the_platforms_bundle_into_pem_files_readable_by_the_owner_only() throws IOException {
        Path keys = dir.resolve("keys");

        int exit = run(Map.of(), "keys", "open", bundle.toString(), "-o", keys.toString(),
                "--passphrase-file", passphraseFile.toString());

        assertThat(exit).as(err.toString()).isZero();
        Path adminKey = keys.resolve("01-admin-cn_admin_bank-of-ningbo__o_bank_of_ningbo.key");
        assertThat(Files.readString(adminKey)).isEqualTo(resource("bundled-admin.key"));
        assertThat(Files.readString(keys.resolve("01-admin-cn_admin_bank-of-ningbo__o_bank_of_ningbo.crt")))
                .isEqualTo(resource("bundled-admin.crt"));
        assertThat(Files.readString(keys.resolve("02-client_tls-cn_client_tls.key")))
                .isEqualTo(resource("bundled-admin.key"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(adminKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(out.toString()).contains("2 keys of organisation Bank of Ningbo", "ADMIN", "CLIENT_TLS",
                "(consortium 7)").doesNotContain("PRIVATE KEY");
    }

    @Test
    void reads_the_passphrase_from_the_environment_when_no_file_is_given() {
        Path keys = dir.resolve("keys");

        int exit = run(Map.of(OpenCommand.PASSPHRASE_VARIABLE, PASSPHRASE), "open", bundle.toString(),
                "-o", keys.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(keys.resolve("02-client_tls-cn_client_tls.crt")).exists();
    }

    @Test
    void a_wrong_passphrase_exits_3_and_writes_nothing() throws IOException {
        Files.writeString(passphraseFile, "five random words here\n");
        Path keys = dir.resolve("keys");

        int exit = run(Map.of(), "keys", "open", bundle.toString(), "-o", keys.toString(),
                "--passphrase-file", passphraseFile.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("the passphrase is wrong or the bundle was altered; nothing written");
        assertThat(keys).doesNotExist();
    }

    @Test
    void a_bundle_relabelled_as_another_organisations_does_not_open() throws IOException {
        Files.writeString(bundle, resource("exported-bundle.json").replace("\"Bank of Ningbo\"", "\"Bank of Xiamen\""));

        int exit = run(Map.of(), "keys", "open", bundle.toString(), "-o", dir.resolve("keys").toString(),
                "--passphrase-file", passphraseFile.toString());

        assertThat(exit).isEqualTo(3);
    }

    @Test
    void an_existing_file_is_never_overwritten_and_nothing_else_is_written() throws IOException {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Path clash = Files.writeString(keys.resolve("02-client_tls-cn_client_tls.crt"), "mine");

        int exit = run(Map.of(), "keys", "open", bundle.toString(), "-o", keys.toString(),
                "--passphrase-file", passphraseFile.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("02-client_tls-cn_client_tls.crt exists already");
        assertThat(Files.readString(clash)).isEqualTo("mine");
        try (var listed = Files.list(keys)) {
            assertThat(listed).containsExactly(clash);
        }
    }

    @Test
    void a_file_that_is_not_a_bundle_is_refused_with_the_reason() throws IOException {
        Files.writeString(bundle, "{\"format\": \"consortia-receipt/v1\"}");

        int exit = run(Map.of(), "keys", "open", bundle.toString(), "-o", dir.resolve("keys").toString(),
                "--passphrase-file", passphraseFile.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("format is consortia-receipt/v1, this command reads consortia-key-bundle/v1");
    }

    @Test
    void without_a_passphrase_source_or_terminal_it_says_how_to_give_one() {
        int exit = run(Map.of(), "open", bundle.toString(), "-o", dir.resolve("keys").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("give --passphrase-file FILE or set CONSORTIA_KEY_PASSPHRASE");
    }

    /** Through the real command line for "keys ..."; a bare "open" runs the command with this environment. */
    private int run(Map<String, String> environment, String... args) {
        CommandLine cli;
        if ("keys".equals(args[0])) {
            cli = ConsortiaCliAccess.commandLine();
        } else {
            OpenCommand command = new OpenCommand();
            command.environment = environment;
            cli = new CommandLine(command);
        }
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute("keys".equals(args[0]) ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenCommandTest.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
