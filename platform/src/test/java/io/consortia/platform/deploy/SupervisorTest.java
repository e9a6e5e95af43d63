package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    @Test
    void a_restart_note_quotes_the_channels_the_node_named_as_stopped_with_its_reasons() {
        String why = Supervisor.notServing(Duration.ofSeconds(31), Map.of(
                "trade", "applying committed entry 2 failed (No space left on device)",
                "main", "its Raft log cannot be written (No space left on device)"));

        assertThat(why).isEqualTo("Did not answer its health check with 200 for 31 s; it reported"
                + " channel main not served: its Raft log cannot be written (No space left on device);"
                + " channel trade not served: applying committed entry 2 failed (No space left on device)");
    }

    @Test
    void a_node_that_does_not_answer_at_all_gets_the_likely_causes() {
        assertThat(Supervisor.notServing(Duration.ofSeconds(30), Map.of()))
                .isEqualTo("Did not answer its health check with 200 for 30 s"
                        + " (hung, or a channel's Raft member stopped: a full disk, for example)");
    }
}
