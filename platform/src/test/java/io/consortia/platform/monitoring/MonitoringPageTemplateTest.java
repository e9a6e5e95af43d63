package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringPageTemplateTest {
    private static final Instant AT = Instant.parse("2026-12-06T04:00:00Z");

    private static String nodesTable(Locale locale) {
        NodeSample leaderless = new NodeSample(1, "c1-alpha-0", 7, AT, true, Map.of("main", 3L, "trade", 2L), Map.of(),
                Map.of(), null, null, null, null, Map.of(), Map.of(), Map.of("main", false, "trade", true), Map.of(),
                null);
        NodeSample fine = new NodeSample(2, "c1-beta-0", 7, AT, true, Map.of("main", 3L), Map.of(), Map.of(), null,
                null, null, null, Map.of(), Map.of(), Map.of("main", true), Map.of(), null);
        MonitoringService.Overview overview = new MonitoringService.Overview(7, 10, 60, true, List.of(
                MonitoringService.NodeState.of("c1-alpha-0", 3, "RUNNING", leaderless),
                MonitoringService.NodeState.of("c1-beta-0", 4, "RUNNING", fine)), List.of("main", "trade"), 60);
        return ConsoleTemplates.render("console/monitoring", "table#monitoring-nodes", locale, Map.of(
                "consortium", Map.of("id", 7L), "overview", overview, "channel", "main", "minutes", 15,
                "logReadable", java.util.Set.of("c1-alpha-0")));
    }

    @Test
    void a_node_up_without_a_raft_leader_reads_degraded_and_names_the_channel_in_english_and_chinese() {
        String english = nodesTable(Locale.ENGLISH);
        String alpha = english.substring(english.indexOf("data-node=\"c1-alpha-0\""),
                english.indexOf("data-node=\"c1-beta-0\""));
        assertThat(alpha).contains("DEGRADED").contains("no leader: main").doesNotContain("no leader: trade");
        String beta = english.substring(english.indexOf("data-node=\"c1-beta-0\""));
        assertThat(beta).contains(">UP<").doesNotContain("no leader");

        String chinese = nodesTable(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains("降级").contains("无领导者：main");
    }

    /** Logs are offered for the nodes whose log the caller may read, not for another organisation's (403). */
    @Test
    void logs_are_offered_only_for_nodes_whose_log_the_caller_may_read() {
        String english = nodesTable(Locale.ENGLISH);
        assertThat(english).contains("/console/consortia/7/logs?node=c1-alpha-0")
                .doesNotContain("logs?node=c1-beta-0");
    }
}
