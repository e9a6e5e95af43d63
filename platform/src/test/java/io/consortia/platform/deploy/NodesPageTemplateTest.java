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
        NodePages.Row row = new NodePages.Row(node, degraded, NodeObservation.NONE, false, false, true, null, null);
        return ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha")));
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
                NodeObservation.NONE, false, false, true, "Exited unexpectedly at 2026-12-06T07:15:03.125Z; restarted",
                java.time.Instant.parse("2026-12-06T07:15:03.125Z"));
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            String table = ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                    "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha")), beans());
            assertThat(table).as("%s", locale).contains(Locale.ENGLISH.equals(locale)
                    ? "at 2026-12-06 07:15:03 UTC; restarted" : "于 2026-12-06 07:15:03 UTC 意外退出").doesNotContain("T07:15:03");
        }
    }

    /** On Kubernetes a new node is a pod: the form says the organisation's other pods restart. */
    @Test
    void the_add_form_says_what_adding_a_node_does_on_the_network_s_target() {
        for (String target : List.of("LOCAL", "KUBERNETES")) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                String form = ConsoleTemplates.render("console/nodes", "form#add-node", locale, Map.of(
                        "consortium", Map.of("id", 7L, "status", io.consortia.platform.consortium.ConsortiumStatus.RUNNING,
                                "deploymentTarget", target),
                        "rows", List.of(), "organizationNames", Map.of(),
                        "addableOrganizations", List.of(Map.of("id", 3L, "name", "alpha"))), beans());
                String hint = Locale.ENGLISH.equals(locale) ? "the next pod of the organisation&#39;s StatefulSet" : "该组织 StatefulSet 的下一个 Pod";
                if (target.equals("KUBERNETES")) {
                    assertThat(form).as("%s %s", target, locale).contains(hint);
                } else {
                    assertThat(form).as("%s %s", target, locale).doesNotContain(hint)
                            .contains(Locale.ENGLISH.equals(locale) ? "joins its organisation&#39;s channels" : "加入其组织的所有通道");
                }
            }
        }
    }

    /** Remove is offered on a row the node's target can take out (on Kubernetes an organisation's last pod only). */
    @Test
    void remove_is_offered_only_on_the_rows_that_can_go() {
        NodeRecord first = new NodeRecord(1, "c1-alpha-0", 7, 3, "h", 7051, 7052, 7053, "kubernetes:ns/c1-alpha-0",
                "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
        NodeRecord last = new NodeRecord(2, "c1-alpha-1", 7, 3, "h", 7051, 7052, 7053, "kubernetes:ns/c1-alpha-1",
                "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
        NodeVitals up = NodeVitals.of(NodeHealth.parse(200, "{\"status\":\"UP\"}"));
        String table = ConsoleTemplates.render("console/nodes", "table#nodes-table", Locale.ENGLISH, Map.of(
                "consortium", Map.of("id", 7L), "organizationNames", Map.of(3L, "alpha"), "rows", List.of(
                        new NodePages.Row(first, up, NodeObservation.NONE, true, false, true, null, null),
                        new NodePages.Row(last, up, NodeObservation.NONE, true, true, false, null, null))), beans());
        assertThat(table).contains("data-api-post=\"/api/v1/nodes/c1-alpha-1\"")
                .doesNotContain("data-api-post=\"/api/v1/nodes/c1-alpha-0\"")
                .contains("data-api-post=\"/api/v1/nodes/c1-alpha-0/restart\"");
        // Logs only where the caller may read them: another organisation's node answered 403 on a bare page
        assertThat(table).contains("href=\"/console/nodes/c1-alpha-0/logs\"")
                .doesNotContain("/console/nodes/c1-alpha-1/logs");
    }

    private static Map<String, Object> beans() {
        return Map.of("fmt", new io.consortia.platform.console.Formats(),
                "supervisorNotes", new SupervisorNotes(ConsoleTemplates.messages()));
    }

    private static String lastError(Locale locale, String note) {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                NodeStatus.CRASHED, 42L, 1, null, 0);
        NodePages.Row row = new NodePages.Row(node, NodeVitals.of(NodeHealth.parse(200, "{\"status\":\"UP\"}")),
                NodeObservation.NONE, false, false, true, note, null);
        return ConsoleTemplates.render("console/nodes", "table#nodes-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "rows", List.of(row), "organizationNames", Map.of(3L, "alpha")), beans());
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

    /**
     * A pod just deleted read RUNNING with ready false until the supervisor's next round (found by a
     * tester): the row and the API say STARTING as soon as the target says the node is not ready.
     */
    @Test
    void a_running_node_its_target_calls_not_ready_reads_starting() {
        NodeRecord node = new NodeRecord(1, "c7-org2-0", 7, 3, "h", 7051, 7052, 7053, "kubernetes:ns/c7-org2-0",
                "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
        NodeObservation notReady = new NodeObservation(false, 1, List.of(), "ContainerCreating");
        assertThat(notReady.status(NodeStatus.RUNNING)).isEqualTo(NodeStatus.STARTING);
        assertThat(new NodeObservation(true, 1, List.of()).status(NodeStatus.RUNNING)).isEqualTo(NodeStatus.RUNNING);
        assertThat(NodeObservation.NONE.status(NodeStatus.RUNNING)).isEqualTo(NodeStatus.RUNNING);
        assertThat(notReady.status(NodeStatus.STOPPED)).isEqualTo(NodeStatus.STOPPED);
        String table = ConsoleTemplates.render("console/nodes", "table#nodes-table", Locale.ENGLISH, Map.of(
                "consortium", Map.of("id", 7L), "organizationNames", Map.of(3L, "alpha"), "rows", List.of(
                        new NodePages.Row(node, NodeVitals.NONE, notReady, true, false, true, null, null))), beans());
        assertThat(table).contains("data-status=\"STARTING\"").doesNotContain("data-status=\"RUNNING\"");
    }
}
