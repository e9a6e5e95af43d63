package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeHealthTest {

    @Test
    void reads_heights_and_raft_roles_per_channel_from_one_health_answer() {
        NodeHealth.Report report = NodeHealth.parse(200, """
                {"status":"UP","nodeId":"c1-alpha-0","organization":"alpha","channels":[
                 {"name":"main","height":12,"raftRole":"LEADER","raftLeader":"c1-alpha-0","raftTerm":2},
                 {"name":"trade","height":3,"raftRole":"FOLLOWER","raftLeader":"c1-beta-0","raftTerm":1},
                 {"name":"new","height":1,"raftRole":"","raftLeader":"","raftTerm":0}]}""");
        assertThat(report.serving()).isTrue();
        assertThat(report.heights()).isEqualTo(Map.of("main", 12L, "trade", 3L, "new", 1L));
        assertThat(report.roles()).isEqualTo(Map.of("main", "LEADER", "trade", "FOLLOWER"));
        NodeVitals vitals = NodeVitals.of(report).withResources(1.5, 64L * 1024 * 1024);
        assertThat(vitals.heights()).containsEntry("main", 12L);
        assertThat(vitals.rssMegabytes()).isEqualTo("64");
    }

    @Test
    void a_node_that_is_down_or_answers_garbage_reports_no_channels() {
        assertThat(NodeHealth.parse(503, "{\"status\":\"DOWN\"}"))
                .isEqualTo(new NodeHealth.Report(false, Map.of(), Map.of(), Map.of()));
        assertThat(NodeHealth.parse(200, "not json"))
                .isEqualTo(new NodeHealth.Report(true, Map.of(), Map.of(), Map.of()));
    }

    @Test
    void the_channels_a_node_does_not_serve_come_with_its_reason_whether_it_answers_200_or_503() {
        String stopped = """
                {"status":"DOWN","nodeId":"c1-beta-0","organization":"beta","channels":[
                 {"name":"main","height":2,"raftRole":"FOLLOWER","raftLeader":"c1-alpha-0","raftTerm":1}],
                 "failedChannels":[{"name":"main","reason":"its Raft log cannot be written (No space left on device)"}]}""";
        NodeHealth.Report down = NodeHealth.parse(503, stopped);
        assertThat(down.serving()).isFalse();
        assertThat(down.heights()).isEmpty();
        assertThat(down.failedChannels())
                .isEqualTo(Map.of("main", "its Raft log cannot be written (No space left on device)"));

        NodeHealth.Report up = NodeHealth.parse(200, """
                {"status":"UP","channels":[{"name":"main","height":7,"raftRole":"LEADER"}],
                 "failedChannels":[{"name":"trade","reason":"cannot open its ledger"}]}""");
        assertThat(up.heights()).isEqualTo(Map.of("main", 7L));
        assertThat(NodeVitals.of(up).failedChannels()).isEqualTo(Map.of("trade", "cannot open its ledger"));
    }

    @Test
    void a_degraded_node_names_the_channels_that_have_no_raft_leader() {
        NodeHealth.Report report = NodeHealth.parse(200, """
                {"status":"DEGRADED","nodeId":"c1-alpha-0","organization":"alpha","channels":[
                 {"name":"main","height":12,"raftRole":"CANDIDATE","raftLeader":"","raftTerm":5},
                 {"name":"trade","height":3,"raftRole":"FOLLOWER","raftLeader":"c1-beta-0","raftTerm":1}],
                 "leaderlessChannels":["main"]}""");
        assertThat(report.serving()).isTrue();
        assertThat(report.leaderlessChannels()).containsExactly("main");
        NodeVitals vitals = NodeVitals.of(report).withResources(1.5, 1024L);
        assertThat(vitals.leaderlessChannels()).containsExactly("main");
        assertThat(vitals.degraded()).isTrue();
        assertThat(NodeVitals.of(NodeHealth.parse(200, """
                {"status":"UP","channels":[{"name":"main","height":7,"raftRole":"LEADER"}]}""")).degraded())
                .isFalse();
        assertThat(NodeVitals.NONE.leaderlessChannels()).isEqualTo(List.of());
    }
}
