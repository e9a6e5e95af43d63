package io.consortia.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void named_threads_are_daemons_with_the_given_name() {
        Thread thread = DaemonThreads.named("metrics-http").newThread(() -> {});

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("metrics-http");
    }

    @Test
    void numbered_threads_count_from_one() {
        ThreadFactory factory = DaemonThreads.numbered("verify");

        assertThat(factory.newThread(() -> {}).getName()).isEqualTo("verify-1");
        assertThat(factory.newThread(() -> {}).getName()).isEqualTo("verify-2");
        assertThat(factory.newThread(() -> {}).isDaemon()).isTrue();
    }

    @Test
    void start_runs_the_task_on_a_daemon_thread() throws InterruptedException {
        boolean[] daemon = new boolean[1];
        Thread thread = DaemonThreads.start("once", () -> daemon[0] = Thread.currentThread().isDaemon());
        thread.join();

        assertThat(daemon[0]).isTrue();
        assertThat(thread.getName()).isEqualTo("once");
    }
}
