package io.consortia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A document hash the notarization contract would reject is a usage error, refused before the
 * network is even looked for: it used to be sent and committed as a CONTRACT_REJECTED transaction.
 */
class NotarizeCommandTest {
    @TempDir
    Path noNetwork;

    @Test
    void a_hash_that_is_not_64_hex_characters_is_refused_with_exit_code_2_before_anything_is_sent() {
        for (String hash : new String[] {"nothex", "ab".repeat(31), "g".repeat(64), "ab".repeat(33)}) {
            StringWriter err = new StringWriter();
            CommandLine cli = ConsortiaCli.commandLine().setErr(new PrintWriter(err, true));

            int exit = cli.execute("notarize", hash, "x", "--dir", noNetwork.toString());

            assertThat(exit).as(hash).isEqualTo(2);
            assertThat(err.toString()).as(hash).contains("the document hash must be 64 hexadecimal characters")
                    .doesNotContain("no network in");
        }
    }

    @Test
    void a_well_formed_hash_goes_on_to_the_network() {
        StringWriter err = new StringWriter();
        CommandLine cli = ConsortiaCli.commandLine().setErr(new PrintWriter(err, true));

        int exit = cli.execute("notarize", "aB".repeat(32), "x", "--dir", noNetwork.toString());

        assertThat(exit).isEqualTo(1); // there is no network in the directory: the hash itself was accepted
        assertThat(err.toString()).contains("no network in").doesNotContain("hexadecimal");
    }
}
