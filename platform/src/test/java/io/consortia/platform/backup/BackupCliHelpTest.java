package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./consortia backup | backup-node | restore-node | restore --help}: usage, exit 0, no platform called. */
class BackupCliHelpTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BackupCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void every_subcommand_answers_help_with_its_usage() {
        for (List<String> help : List.of(List.of("backup", "--help"), List.of("backup", "-h"),
                List.of("backup-node", "--help"), List.of("restore-node", "--help"), List.of("restore", "--help"))) {
            Run run = run(help.toArray(String[]::new));
            assertThat(run.exit()).as(help + ": " + run.err()).isZero();
            assertThat(run.err()).as(help.toString()).doesNotContain("Unknown option");
            assertThat(run.out()).as(help.toString()).startsWith("Usage: consortia " + help.get(0));
        }
        assertThat(run("backup", "--help").out()).contains("--url", "--note", "--output");
        assertThat(run("backup-node", "--help").out()).contains("--url", "NODE_ID");
        assertThat(run("restore-node", "--help").out()).contains("--url", "--backup");
    }
}
