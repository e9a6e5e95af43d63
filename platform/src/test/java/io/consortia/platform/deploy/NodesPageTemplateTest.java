package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodesPageTemplateTest {

    private static String nodesTable(Locale locale) {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                NodeStatus.RUNNING, 42L, 0, null, 0);
        NodeVitals degraded = NodeVitals.of(NodeHealth.parse(200, """
                {"status":"DEGRADED","channels":[{"name":"main","height":4,"raftRole":"CANDIDATE","raftLeader":""}],
                 "leaderlessChannels":["main"]}"""));
        NodePages.Row row = new NodePages.Row(node, degraded, NodeObservation.NONE, false, null, null);
        return ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha"),
                "canRemoveNodes", false));
    }

    @Test
    void a_running_node_whose_channel_has_no_raft_leader_says_so_in_english_and_chinese() {
        assertThat(nodesTable(Locale.ENGLISH)).contains("RUNNING").contains("no leader: main")
                .contains("fewer than a majority");
        assertThat(nodesTable(Locale.SIMPLIFIED_CHINESE)).contains("无领导者：main");
    }
}
