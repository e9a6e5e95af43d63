package io.consortia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code up} replaces the network an earlier {@code up} left in its directory. It used to delete
 * whatever {@code --dir} named, first thing, also when its options were wrong.
 */
class UpCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_directory_that_holds_no_earlier_network_is_left_alone() throws Exception {
        Path precious = Files.writeString(dir.resolve("thesis.tex"), "four years");
        StringWriter err = new StringWriter();

        int exit = cli(err).execute("up", "--dir", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("is not empty and holds no network of an earlier 'consortia up'");
        assertThat(precious).hasContent("four years");
    }

    @Test
    void wrong_counts_are_usage_errors_that_keep_the_earlier_network() throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("orgs").resolve("org1"));
        Files.writeString(earlier.resolve("user.pem"), "earlier network");
        for (String[] wrong : new String[][] {{"--organizations", "0"}, {"--nodes-per-organization", "0"}}) {
            StringWriter err = new StringWriter();

            int exit = cli(err).execute("up", "--dir", dir.toString(), wrong[0], wrong[1]);

            assertThat(earlier.resolve("user.pem")).hasContent("earlier network");
            assertThat(exit).as(wrong[0]).isEqualTo(2);
            assertThat(err.toString()).contains("must be at least 1");
        }
    }

    @Test
    void only_absent_empty_or_earlier_network_directories_are_replaceable() throws Exception {
        assertThat(UpCommand.replaceable(dir.resolve("absent"))).isTrue();
        assertThat(UpCommand.replaceable(Files.createDirectory(dir.resolve("empty")))).isTrue();
        Path network = Files.createDirectories(dir.resolve("network").resolve("orgs"));
        assertThat(UpCommand.replaceable(network.getParent())).isTrue();
        assertThat(UpCommand.replaceable(Files.writeString(dir.resolve("file"), "x"))).isFalse();
        assertThat(UpCommand.replaceable(dir)).as("holds files, no orgs/").isFalse();
    }

    private static CommandLine cli(StringWriter err) {
        return ConsortiaCli.commandLine().setErr(new PrintWriter(err, true));
    }
}
