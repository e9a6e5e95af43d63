package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Backups tab's node list showed a node's status as its code (STOPPED) in Chinese too. */
class BackupsPageTemplateTest {
    private static String nodesTable(Locale locale) {
        NodeRecord node = new NodeRecord(1, "c1-alpha-0", 7, 3, "127.0.0.1", 7051, 7052, 7053, "/data/n", "RUNNING",
                NodeStatus.STOPPED, null, 0, null, 0);
        return ConsoleTemplates.render("console/backups", "table#backup-nodes", locale, Map.of(
                "consortium", Map.of("id", 7L), "nodes", List.of(new BackupPages.NodeRow(node, true))));
    }

    @Test
    void a_node_s_status_reads_in_the_reader_s_language() {
        assertThat(nodesTable(Locale.SIMPLIFIED_CHINESE)).contains(">已停止</span>").contains("data-status=\"STOPPED\"")
                .doesNotContain(">STOPPED</span>");
        assertThat(nodesTable(Locale.ENGLISH)).contains(">Stopped</span>");
    }
}
