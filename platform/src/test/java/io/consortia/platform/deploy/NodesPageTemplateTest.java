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
                    "canRemoveNodes", false), beans());
            assertThat(table).as("%s", locale).contains(Locale.ENGLISH.equals(locale)
                    ? "at 2026-12-06 07:15:03 UTC; restarted" : "于 2026-12-06 07:15:03 UTC 意外退出").doesNotContain("T07:15:03");
        }
    }

    private static Map<String, Object> beans() {
        return Map.of("fmt", new io.consortia.platform.console.Formats(),
                "supervisorNotes", new SupervisorNotes(ConsoleTemplates.messages()));
    }

    private static String lastError(Locale locale, String note) {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                NodeStatus.CRASHED, 42L, 1, null, 0);
        NodePages.Row row = new NodePages.Row(node, NodeVitals.of(NodeHealth.parse(200, "{\"status\":\"UP\"}")),
                NodeObservation.NONE, false, note, null);
        return ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha"),
                "canRemoveNodes", false), beans());
    }

    /** The Chinese Nodes tab showed the supervisor's own notes in English; the node's log in them stays as written. */
    @Test
    void the_supervisor_s_notes_read_in_the_reader_s_language_and_the_log_stays_as_written() {
        String exited = "Exited unexpectedly at 2026-12-06T07:15:03.125Z; restarted. Log ends:\nPANIC disk full";
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, exited))
                .contains("于 2026-12-06 07:15:03 UTC 意外退出，已重启。日志末尾：\nPANIC disk full")
                .doesNotContain("Exited");
        assertThat(lastError(Locale.ENGLISH, exited))
                .contains("Exited unexpectedly at 2026-12-06 07:15:03 UTC; restarted. Log ends:\nPANIC disk full");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Crashed 3 times in a row; not restarting. Log ends:\nboom"))
                .contains("连续崩溃 3 次，不再自动重启。日志末尾：\nboom");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Restarted at platform start 2026-12-06T07:15:03Z"))
                .contains("平台启动时已重启（2026-12-06 07:15:03 UTC）");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Could not be restarted at platform start: port in use"))
                .contains("平台启动时无法重启：port in use");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Restarted by the cluster at 2026-12-06T07:15:03Z (2 restarts);"
                + " recent events:\nBackOff")).contains("集群于 2026-12-06 07:15:03 UTC 重启了节点（共 2 次）；最近事件：\nBackOff");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Did not answer its health check with 200 for 45 s (hung, or a"
                + " channel's Raft member stopped: a full disk, for example); restarted at 2026-12-06T07:15:03Z."
                + " Log ends:\nx")).contains("45 秒内未以 200 应答健康检查（进程挂起，或某个通道的 Raft 成员已停止：例如磁盘已满）"
                + "；已于 2026-12-06 07:15:03 UTC 重启。日志末尾：\nx");
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Did not answer its health check with 200 for 45 s; it reported"
                + " channel main not served: No space left on device; restarted 3 times in a row already, so stopped"
                + " and left FAILED. Log ends:\nx")).contains("45 秒内未以 200 应答健康检查；节点报告 通道 main 未提供服务："
                + "No space left on device；已连续重启 3 次，因此已停止并标为失败。日志末尾：\nx");
        // a note the supervisor did not write (an older platform's, say) stays as written
        assertThat(lastError(Locale.SIMPLIFIED_CHINESE, "Stopped by hand")).contains("Stopped by hand");
    }
}
