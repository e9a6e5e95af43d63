package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.console.Formats;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Backups tab's node list showed a node's status as its code (STOPPED) in Chinese too; and on
 * a stopped network it offered Back up and Restore, which the platform then refused (409).
 */
class BackupsPageTemplateTest {
    private static final NodeRecord NODE = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053,
            "/data/n", "RUNNING", NodeStatus.STOPPED, null, 0, null, 0);

    private static String render(String selector, ConsortiumStatus network, Locale locale) {
        NodeBackupRecord backup = new NodeBackupRecord(4, 7, NODE.nodeId(), 2048, "ab".repeat(32),
                List.of(new NodeBackupRecord.ChannelState("main", 10, "cd".repeat(32), 12)), "alice", 0, true);
        return ConsoleTemplates.render("console/backups", selector, locale, Map.of(
                "consortium", Map.of("id", 7L, "status", network),
                "nodes", List.of(new BackupPages.NodeRow(NODE, true)),
                "backups", List.of(new BackupPages.BackupRow(backup, true, true))), Map.of("fmt", new Formats()));
    }

    @Test
    void a_node_s_status_reads_in_the_reader_s_language() {
        assertThat(render("table#backup-nodes", ConsortiumStatus.RUNNING, Locale.SIMPLIFIED_CHINESE))
                .contains(">已停止</span>").contains("data-status=\"STOPPED\"").doesNotContain(">STOPPED</span>");
        assertThat(render("table#backup-nodes", ConsortiumStatus.RUNNING, Locale.ENGLISH)).contains(">Stopped</span>");
    }

    @Test
    void on_a_stopped_network_back_up_and_restore_are_disabled_and_the_page_says_why() {
        assertThat(render("table#backup-nodes", ConsortiumStatus.STOPPED, Locale.ENGLISH))
                .containsPattern("<button[^>]*class=\"backup-node[^\"]*\"[^>]*disabled");
        assertThat(render("table#backups-table", ConsortiumStatus.STOPPED, Locale.ENGLISH))
                .containsPattern("<button[^>]*class=\"restore-node[^\"]*\"[^>]*disabled");
        assertThat(render("p#network-not-running", ConsortiumStatus.STOPPED, Locale.ENGLISH))
                .contains("The network is stopped: a node is backed up or restored while it runs")
                .contains("Start the network");
        assertThat(render("p#network-not-running", ConsortiumStatus.STOPPED, Locale.SIMPLIFIED_CHINESE))
                .contains("网络已停止").contains("启动网络");
        assertThat(render("p#network-not-running", ConsortiumStatus.DEPLOYING, Locale.ENGLISH))
                .contains("while the network is running");
    }

    @Test
    void on_a_running_network_they_are_offered_without_a_word() {
        assertThat(render("table#backup-nodes", ConsortiumStatus.RUNNING, Locale.ENGLISH))
                .contains("class=\"backup-node").doesNotContain("disabled");
        assertThat(render("table#backups-table", ConsortiumStatus.RUNNING, Locale.ENGLISH))
                .contains("class=\"restore-node").doesNotContain("disabled");
        assertThat(render("p#network-not-running", ConsortiumStatus.RUNNING, Locale.ENGLISH)).isBlank();
    }
}
