package io.consortia.cli.keys;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Decrypts an exported key bundle into PEM files. The passphrase never comes from the command
 * line (other local users see arguments in the process list): a file, an environment variable or
 * the terminal. Nothing is written unless the whole bundle opens and every file is new.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Decrypt a key bundle exported from the platform (POST /api/v1/organizations/{id}/keys/export, "
                + "or Export keys in the console) into PEM files: NN-<purpose>-<subject>.key (mode 0600) and .crt.",
            "The passphrase is read from --passphrase-file, else from CONSORTIA_KEY_PASSPHRASE, else from the terminal.",
            "Exit status: 0 written, 3 wrong passphrase or altered bundle, 2 bad usage, unreadable file or a file "
                    + "that exists already."})
final class OpenCommand implements Callable<Integer> {
    static final int WRONG_PASSPHRASE = 3;
    static final int UNUSABLE = 2;
    static final String PASSPHRASE_VARIABLE = "CONSORTIA_KEY_PASSPHRASE";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE.json", description = "the exported bundle")
    Path bundle;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "directory for the PEM files (created with mode 0700 when missing; files are never overwritten)")
    Path output;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "read the passphrase from the first line of this file")
    Path passphraseFile;

    /** The environment, replaceable by tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleFile file;
        try {
            file = BundleFile.parse(Files.readString(bundle, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(err, UNUSABLE, "cannot read " + bundle + ": " + e.getMessage());
        } catch (BundleFile.NotABundle e) {
            return fail(err, UNUSABLE, bundle + ": " + e.getMessage());
        }
        char[] passphrase;
        try {
            passphrase = passphrase();
        } catch (IOException e) {
            return fail(err, UNUSABLE, "cannot read the passphrase: " + e.getMessage());
        }
        if (passphrase == null || passphrase.length == 0) {
            return fail(err, UNUSABLE, "no passphrase: give --passphrase-file FILE or set " + PASSPHRASE_VARIABLE
                    + " (no terminal to ask on)");
        }
        List<BundleFile.Key> keys;
        try {
            keys = file.open(passphrase);
        } catch (GeneralSecurityException e) {
            return fail(err, WRONG_PASSPHRASE, "the passphrase is wrong or the bundle was altered; nothing written");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        try {
            List<Path> written = write(keys);
            out.printf("%d keys of organisation %s in %s:%n", keys.size(), file.organization(), output);
            for (int i = 0; i < keys.size(); i++) {
                BundleFile.Key key = keys.get(i);
                out.printf("  %s  %s  %s%s%n", written.get(2 * i).getFileName(), key.purpose(), key.subject(),
                        key.consortiumId() > 0 ? "  (consortium " + key.consortiumId() + ")" : "");
            }
            out.flush();
            return 0;
        } catch (FileAlreadyExistsException e) {
            return fail(err, UNUSABLE, e.getFile() + " exists already; choose an empty directory");
        } catch (IOException e) {
            return fail(err, UNUSABLE, "cannot write into " + output + ": " + e.getMessage());
        }
    }

    private char[] passphrase() throws IOException {
        if (passphraseFile != null) {
            String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "").toCharArray();
        }
        String fromEnvironment = environment.get(PASSPHRASE_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("Passphrase of %s: ", bundle.getFileName());
    }

    /** Checks every name first, then writes: a clash leaves nothing behind. Returns key, certificate, key, ... */
    private List<Path> write(List<BundleFile.Key> keys) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String base = String.format(Locale.ROOT, "%02d-%s-%s", i + 1, safe(keys.get(i).purpose()),
                    safe(keys.get(i).subject()));
            paths.add(output.resolve(base + ".key"));
            paths.add(output.resolve(base + ".crt"));
        }
        for (Path p : paths) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString());
            }
        }
        if (!Files.isDirectory(output)) {
            Files.createDirectories(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        for (int i = 0; i < keys.size(); i++) {
            // created 0600 before the first byte is written, never readable by others even for a moment
            Files.writeString(Files.createFile(paths.get(2 * i),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    keys.get(i).privateKeyPem(), StandardCharsets.UTF_8);
            Files.writeString(paths.get(2 * i + 1), keys.get(i).certificatePem(), StandardCharsets.UTF_8);
        }
        return paths;
    }

    /** A file-name part: letters, digits, dot, dash and underscore; the rest becomes '_'. */
    static String safe(String s) {
        String cleaned = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        cleaned = cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    private static int fail(PrintWriter err, int status, String message) {
        err.println("consortia keys open: " + message);
        err.flush();
        return status;
    }
}
