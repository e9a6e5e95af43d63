package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** async-profiler attached to a real child JVM, as the benchmark does to its node processes. */
class AsyncProfilerSessionTest {
    @TempDir
    Path dir;

    /** The profiled process: computes until killed, after saying it started. */
    public static final class Busy {
        public static void main(String[] args) {
            System.out.println("busy");
            System.out.flush();
            long x = 0;
            while (true) {
                for (int i = 0; i < 1_000_000; i++) {
                    x += (long) i * i ^ (x >>> 3);
                }
                if (x == 42) {
                    System.out.println(x);
                }
            }
        }
    }

    @Test
    void profiles_a_running_jvm_and_writes_stacks_flame_graph_and_breakdown() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Busy.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("busy");
            BenchTarget.TargetNode node = new BenchTarget.TargetNode("busy-node", "org1", 0, 0, child.pid());
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            AsyncProfilerSession session = AsyncProfilerSession.prepare(dir, List.of(node),
                    new PrintStream(log, true, StandardCharsets.UTF_8));

            session.windowStarted();
            Duration cpuAtStart = child.info().totalCpuDuration().orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    child.info().totalCpuDuration().orElseThrow().minus(cpuAtStart).toMillis() > 500);
            BenchReport.Profile profile = session.stop(1);

            assertThat(profile.profiler()).isEqualTo("async-profiler");
            assertThat(profile.samples()).isPositive();
            assertThat(profile.sampledSecondsPerNode()).isPositive();
            assertThat(profile.subsystems()).isNotEmpty();
            String messages = log.toString(StandardCharsets.UTF_8);
            assertThat(messages).contains("async-profiler sampling 1 node(s)").contains("CPU profile of the measured window");
            List<String> stacks = Files.readAllLines(dir.resolve("busy-node.collapsed"));
            assertThat(stacks).anySatisfy(line -> assertThat(line).contains("AsyncProfilerSessionTest$Busy.main"));
            assertThat(Files.readString(dir.resolve("busy-node.html"))).contains("<html");
            assertThat(Files.readString(dir.resolve("breakdown.txt"))).contains("share").contains("subsystem");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void a_process_it_cannot_attach_to_is_reported_not_fatal() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AsyncProfilerSession session = AsyncProfilerSession.prepare(dir,
                List.of(new BenchTarget.TargetNode("in-process", "org1", 0, 0, -1)),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        session.windowStarted();
        assertThat(session.stop(1)).isNull();

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("in-process runs in this JVM or was not found")
                .contains("no profile was recorded");
    }
}
