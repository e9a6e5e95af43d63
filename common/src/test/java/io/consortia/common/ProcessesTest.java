package io.consortia.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs({OS.LINUX, OS.MAC})
class ProcessesTest {
    private Process process;

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void a_process_that_honours_sigterm_stops_within_the_grace_period() throws IOException {
        process = new ProcessBuilder("sleep", "600").start();

        boolean politely = Processes.stop(process.toHandle(), Duration.ofSeconds(30));

        assertThat(politely).isTrue();
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void a_process_that_ignores_sigterm_is_killed_with_what_it_started_after_the_grace_period() throws IOException {
        // the shell ignores SIGTERM and waits for its child, so only a forced kill ends them
        process = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 600 & wait").start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> process.descendants().findAny().isPresent());
        List<ProcessHandle> children = process.descendants().toList();

        boolean politely = Processes.stop(process.toHandle(), Duration.ofMillis(300));

        assertThat(politely).isFalse();
        assertThat(process.isAlive()).isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
}
