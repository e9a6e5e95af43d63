package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Options that cannot take effect together are refused before anything starts, with the reason. */
class BenchOptionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--in-process|the nodes run inside the bench's JVM",
        "--target=.consortia/network|the nodes already run",
        "--gateway|the platform's deployer starts the nodes",
        "--time-to-network|the platform's deployer starts the nodes"})
    void nodeJavaHomeIsRefusedWhereTheBenchDoesNotStartTheNodes(String option, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter usage = new StringWriter();
        BenchCommand command = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine line = new CommandLine(command).setErr(new PrintWriter(usage, true));

        int exit = line.execute("--node-java-home", dir.toString(), option, "--duration", "1s",
                "--json", dir.resolve("report.json").toString());

        assertThat(exit).isEqualTo(line.getCommandSpec().exitCodeOnInvalidInput());
        assertThat(usage.toString()).contains("--node-java-home applies only to node processes the bench starts",
                option.replaceAll("=.*", ""), reason);
        assertThat(dir.resolve("report.json")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
