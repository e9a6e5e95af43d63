package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodesPageTemplateTest {

    private static String nodesTable(Locale locale) {
        return nodesTable(locale, NodeStatus.RUNNING);
    }

    private static String nodesTable(Locale locale, NodeStatus status) {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                status, 42L, 0, null, 0);
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

    /** The Chinese Nodes tab showed RUNNING, CRASHED, STARTING as the code; the code stays in data-status. */
    @Test
    void a_node_s_status_reads_in_the_reader_s_language_and_keeps_its_code_for_scripts() {
        Map<NodeStatus, String> chinese = Map.of(NodeStatus.CREATED, "已创建", NodeStatus.STARTING, "启动中",
                NodeStatus.RUNNING, "运行中", NodeStatus.STOPPED, "已停止", NodeStatus.CRASHED, "已崩溃",
                NodeStatus.FAILED, "已失败");
        for (NodeStatus status : NodeStatus.values()) {
            String table = nodesTable(Locale.SIMPLIFIED_CHINESE, status);
            assertThat(table).as("%s", status).contains(">" + chinese.get(status) + "</span>")
                    .contains("data-status=\"" + status + "\"").doesNotContain(">" + status + "</span>");
            assertThat(nodesTable(Locale.ENGLISH, status)).as("%s", status).doesNotContain(">" + status + "</span>");
        }
        assertThat(nodesTable(Locale.ENGLISH, NodeStatus.CRASHED)).contains(">Crashed</span>");
    }

    /** The supervisor's note on a crash said "Exited unexpectedly at 2026-12-06T07:15:03.125Z", the instant as written. */
    @Test
    void a_time_in_a_node_s_last_error_reads_as_a_utc_time() {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                NodeStatus.CRASHED, 42L, 1, null, 0);
        NodePages.Row row = new NodePages.Row(node, NodeVitals.of(NodeHealth.parse(200, "{\"status\":\"UP\"}")),
                NodeObservation.NONE, false, "Exited unexpectedly at 2026-12-06T07:15:03.125Z; restarted",
                java.time.Instant.parse("2026-12-06T07:15:03.125Z"));
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            String table = ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                    "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha"),
                    "canRemoveNodes", false), Map.of("fmt", new io.consortia.platform.console.Formats()));
            assertThat(table).as("%s", locale).contains("at 2026-12-06 07:15:03 UTC; restarted")
                    .doesNotContain("T07:15:03");
        }
    }
}
