package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first question to {@code ./consortia start} is {@code --help}. Spring Boot ignores
 * arguments it does not know, so the help flag used to start (and first build) the platform with
 * a data directory wherever the user stood.
 */
class ConsortiaScriptHelpTest {
    private static final Path SCRIPT = Path.of("..", "consortia").toAbsolutePath().normalize();

    @TempDir
    Path workingDirectory;

    @Test
    void start_help_prints_the_settings_and_starts_nothing() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Result result = run("start", "--server.port=18099", flag);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Usage: ./consortia start", "--server.port=18083",
                    "--consortia.data-dir", "platform/README.md");
            assertThat(workingDirectory).as("no data directory created").isEmptyDirectory();
        }
    }

    @Test
    void stop_help_is_an_answer_and_an_unknown_argument_is_named() throws Exception {
        Result help = run("stop", "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: ./consortia stop --all [--data-dir DIR]");

        Result wrong = run("stop", "--al");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.output()).contains("unknown argument '--al'", "Usage: ./consortia stop");
    }

    private Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        // without the help branch this is the platform itself (or its first build): bounded, then ended
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("still running after 60 s: %s started something instead of answering; it wrote:%n%s",
                    List.of(arguments), output.get(10, TimeUnit.SECONDS));
        }
        return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private record Result(int exitCode, String output) {}
}
