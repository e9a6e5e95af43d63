package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStateTest {
    private static final Instant AT = Instant.parse("2026-12-06T04:00:00Z");

    private static NodeSample sample(Map<String, Boolean> hasLeader) {
        return new NodeSample(1, "c1-alpha-0", 7, AT, true, Map.of("main", 3L, "trade", 2L, "audit", 1L), Map.of(),
                Map.of(), null, null, null, null, Map.of(), Map.of(), hasLeader, Map.of(), null);
    }

    @Test
    void a_node_that_answers_but_knows_no_leader_of_a_channel_names_that_channel() {
        MonitoringService.NodeState state = MonitoringService.NodeState.of("c1-alpha-0", 3, "RUNNING",
                sample(Map.of("trade", false, "main", true, "audit", false)));
        assertThat(state.leaderlessChannels()).containsExactly("audit", "trade");
    }

    @Test
    void a_node_with_leaders_everywhere_down_or_not_scraped_yet_names_none() {
        assertThat(MonitoringService.NodeState.of("n", 3, "RUNNING", sample(Map.of("main", true)))
                .leaderlessChannels()).isEmpty();
        // A node that did not report the gauge (older node) is not called leaderless.
        assertThat(MonitoringService.NodeState.of("n", 3, "RUNNING", sample(Map.of())).leaderlessChannels()).isEmpty();
        assertThat(MonitoringService.NodeState.of("n", 3, "RUNNING", NodeSample.down(1, "n", 7, AT))
                .leaderlessChannels()).isEmpty();
        assertThat(MonitoringService.NodeState.of("n", 3, "CREATED", null).leaderlessChannels())
                .isEqualTo(List.of());
    }
}
