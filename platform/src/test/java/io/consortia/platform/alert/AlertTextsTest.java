package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.certificate.CertificateStatus;
import io.consortia.platform.certificate.CertificateView;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.monitoring.NodeSample;
import io.consortia.platform.web.ConsoleTemplates;
import io.consortia.platform.web.ReadableTimes;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every finding the rules write has a console message in both languages, and a Chinese reader
 * sees Chinese around the facts (a Chinese console showed the English sentences the server wrote).
 */
class AlertTextsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private final AlertTexts texts = new AlertTexts(ConsoleTemplates.messages());


    private static NodeRecord node(long id, NodeStatus status, String lastError, Long lastErrorAt) {
        return new NodeRecord(id, "c1-org1-" + id, 1, 1, "127.0.0.1", 21000, 21001, 21002, "/tmp/n" + id, "RUNNING",
                status, 100L, 0, lastError, 0, 0, null, lastErrorAt);
    }

    private static NodeSample sample(long id, Instant at, boolean up, Map<String, Long> heights,
            Map<String, Long> leaderChanges, Long used, Long free, Long total, Map<String, Boolean> hasLeader,
            Map<String, Long> queued) {
        return new NodeSample(id, "c1-org1-" + id, 1, at, up, heights, Map.of(), leaderChanges, null, null, used, free,
                Map.of(), Map.of(), hasLeader, queued, total);
    }

    /** Findings of every kind, each variant of its sentence at least once. */
    private static List<RuleConditions.Finding> everyFinding() {
        List<RuleConditions.Finding> all = new ArrayList<>();
        long at = NOW.minusSeconds(30).toEpochMilli();
        all.addAll(RuleConditions.nodeDown(List.of(
                node(1, NodeStatus.FAILED, "Crashed 5 times; not restarting. Log ends:\nboom", at),
                node(2, NodeStatus.CRASHED, null, null),
                node(3, NodeStatus.STOPPED, "Exited with code 1", null),
                node(4, NodeStatus.CRASHED, null, at),
                node(5, NodeStatus.RUNNING, null, null),
                node(6, NodeStatus.STARTING, null, null),
                node(7, NodeStatus.STARTING, "ContainerCreating: secret c1-org1-keys not found", at),
                node(8, NodeStatus.STARTING, "ImagePullBackOff: Back-off pulling image", at)),
                Map.of(5L, sample(5, NOW, false, Map.of(), Map.of(), null, null, null, Map.of(), Map.of()),
                        7L, sample(7, NOW, false, Map.of(), Map.of(), null, null, null, Map.of(), Map.of())),
                NOW, Set.of("node c1-org1-6", "node c1-org1-8"), false));
        all.addAll(RuleConditions.heightLag(List.of(node(1, NodeStatus.RUNNING, null, null),
                node(2, NodeStatus.RUNNING, null, null)), Map.of(
                1L, sample(1, NOW, true, Map.of("main", 100L), Map.of(), null, null, null, Map.of(), Map.of()),
                2L, sample(2, NOW, true, Map.of("main", 90L), Map.of(), null, null, null, Map.of(), Map.of())), NOW, 10));
        all.addAll(RuleConditions.noBlocks(Map.of(1L, List.of(
                sample(1, NOW.minusSeconds(900), true, Map.of("main", 5L, "audit", 7L), Map.of(), null, null, null,
                        Map.of(), Map.of()),
                sample(1, NOW.minusSeconds(800), true, Map.of("main", 6L, "audit", 7L), Map.of(), null, null, null,
                        Map.of(), Map.of("main", 2L, "audit", 3L)),
                sample(1, NOW, true, Map.of("main", 6L, "audit", 7L), Map.of(), null, null, null, Map.of(),
                        Map.of("main", 6L, "audit", 3L)))), NOW, Duration.ofMinutes(10)));
        all.addAll(RuleConditions.diskUsage(List.of(node(1, NodeStatus.RUNNING, null, null),
                node(2, NodeStatus.RUNNING, null, null)), Map.of(
                1L, sample(1, NOW, true, Map.of(), Map.of(), 1L << 30, 10L << 30, 100L << 30, Map.of(), Map.of()),
                2L, sample(2, NOW, true, Map.of(), Map.of(), null, 10L << 30, 100L << 30, Map.of(), Map.of())), NOW, 85));
        all.addAll(RuleConditions.certificateExpiry(List.of(cert("aa", 29), cert("cc", -2)), 30));
        all.addAll(RuleConditions.leaderChanges(Map.of(1L, List.of(
                sample(1, NOW.minusSeconds(300), true, Map.of(), Map.of("main", 1L), null, null, null, Map.of(), Map.of()),
                sample(1, NOW, true, Map.of(), Map.of("main", 6L), null, null, null, Map.of(), Map.of()))),
                NOW, Duration.ofMinutes(10), 3));
        all.addAll(RuleConditions.noLeader(List.of(node(3, NodeStatus.RUNNING, null, null)),
                Map.of(3L, sample(3, NOW, true, Map.of(), Map.of(), null, null, null, Map.of("main", false), Map.of())),
                NOW));
        all.addAll(RuleConditions.noLeader(List.of(node(3, NodeStatus.RUNNING, null, null),
                node(4, NodeStatus.RUNNING, null, null)),
                Map.of(3L, sample(3, NOW, true, Map.of(), Map.of(), null, null, null, Map.of("main", false), Map.of())),
                NOW));
        all.addAll(RuleConditions.deploymentFailed(List.of(deployment(2, "Node c1-org1-0 exited\nstack")), NOW,
                Duration.ofDays(1)));
        all.addAll(RuleConditions.deploymentFailed(List.of(deployment(3, null)), NOW, Duration.ofDays(1)));
        return all;
    }

    private static CertificateView cert(String serial, long daysLeft) {
        return new CertificateView(1, 1, "org1", KeyPurpose.NODE, "c1-org1-0", serial, "CN=ca", 0,
                NOW.plus(Duration.ofDays(daysLeft)).toEpochMilli(), daysLeft,
                daysLeft < 0 ? CertificateStatus.EXPIRED : CertificateStatus.EXPIRING, true, null, null, null, null);
    }

    private static Deployment deployment(long id, String reason) {
        return new Deployment(id, 1, "DEPLOY", "FAILED", reason, "alice", NOW.minusSeconds(70).toEpochMilli(),
                NOW.minusSeconds(60).toEpochMilli(), List.of());
    }

    @Test
    void every_rule_kind_s_findings_have_a_message_in_both_languages() throws IOException {
        List<RuleConditions.Finding> findings = everyFinding();
        Properties english = load("i18n/console.properties");
        Properties chinese = load("i18n/console_zh_CN.properties");
        assertThat(findings.stream().map(f -> f.key().split("\\.")[1]).collect(Collectors.toSet()))
                .isEqualTo(Arrays.stream(RuleKind.values()).map(Enum::name).collect(Collectors.toSet()));
        Set<String> variants = findings.stream().map(RuleConditions.Finding::key).collect(Collectors.toSet());
        Set<String> defined = english.stringPropertyNames().stream()
                .filter(k -> k.startsWith(RuleConditions.KEY_PREFIX)).collect(Collectors.toSet());
        assertThat(variants).as("every sentence variant is sampled here").isEqualTo(defined);
        for (RuleConditions.Finding f : findings) {
            assertThat(english.stringPropertyNames()).as("English %s", f.key()).contains(f.key());
            assertThat(chinese.stringPropertyNames()).as("Chinese %s", f.key()).contains(f.key());
        }
    }

    @Test
    void a_chinese_reader_sees_chinese_around_the_facts() {
        for (RuleConditions.Finding f : everyFinding()) {
            String text = texts.render(f.key(), f.args(), f.summary(), CHINESE);
            assertThat(text).as(f.key()).isNotEqualTo(f.summary()).doesNotContain("{").containsPattern("\\p{IsHan}");
            String words = text;
            for (String arg : f.args()) {
                String shown = ReadableTimes.in(arg); // an instant reads as a time
                assertThat(arg.startsWith("#{") || text.contains(shown)).as("%s shows %s: %s", f.key(), arg, text).isTrue();
                words = words.replace(shown, " ");
            }
            // what is left besides the facts: Chinese, numbers and the names of protocols, units and the API
            words = words.replaceAll("/api/v1/nodes/[^/]*/(restart|logs)", " ")
                    .replaceAll("\\b(Raft|POST|GET|MiB|TLS|CA|UTC)\\b", " ");
            assertThat(words).as("%s: %s", f.key(), text).doesNotContainPattern("[A-Za-z]{2,}");
        }
        RuleConditions.Finding noBlocks = everyFinding().stream().filter(f -> f.target().equals("channel main")
                && f.key().startsWith("alertText.NO_BLOCKS")).findFirst().orElseThrow();
        assertThat(texts.render(noBlocks.key(), noBlocks.args(), noBlocks.summary(), CHINESE))
                .isEqualTo("通道 main 上有 6 笔交易在等待，已 13 分钟没有新区块（高度 6，最近一次出块于 2026-12-02 11:46:40 UTC）");
    }

    @Test
    void english_reads_as_the_stored_summary_and_an_alert_without_a_key_shows_its_summary() {
        for (RuleConditions.Finding f : everyFinding()) {
            String text = texts.render(f.key(), f.args(), f.summary(), Locale.ENGLISH);
            if (f.args().stream().noneMatch(a -> a.startsWith("#{"))) { // roles and actions read as words, not codes
                assertThat(text).as(f.key()).isEqualTo(ReadableTimes.in(f.summary()));
            } else {
                assertThat(text).as(f.key()).doesNotContain("{").doesNotContainPattern("\\p{IsHan}");
            }
        }
        assertThat(texts.render(null, List.of(), "No block on channel main for 11 minutes", CHINESE))
                .isEqualTo("No block on channel main for 11 minutes");
    }

    /** A node's status in a summary ("status CRASHED") reads as its label, as on the Nodes tab. */
    @Test
    void a_node_s_status_in_a_summary_reads_in_the_reader_s_language() {
        RuleConditions.Finding down = RuleConditions.down("node c1-org1-2", node(2, NodeStatus.CRASHED, null, null));
        assertThat(texts.render(down.key(), down.args(), down.summary(), CHINESE)).contains("状态 已崩溃")
                .doesNotContain("CRASHED");
        assertThat(texts.render(down.key(), down.args(), down.summary(), Locale.ENGLISH)).contains("status Crashed");
        assertThat(down.summary()).contains("status CRASHED"); // the REST API's and notifications' words
    }

    /** A down node's summary quoted the supervisor's note in English on the Chinese Alerts tab. */
    @Test
    void the_supervisor_s_note_in_a_down_node_s_summary_reads_in_the_reader_s_language() {
        RuleConditions.Finding down = RuleConditions.down("node c1-org1-2", node(2, NodeStatus.FAILED,
                "Crashed 5 times in a row; not restarting. Log ends:\nboom", 1_000L));
        assertThat(texts.render(down.key(), down.args(), down.summary(), CHINESE)).contains("错误：连续崩溃 5 次，不再自动重启")
                .doesNotContain("Crashed").doesNotContain("boom");
        assertThat(texts.render(down.key(), down.args(), down.summary(), Locale.ENGLISH))
                .contains(": Crashed 5 times in a row; not restarting.");
        // a node's own words stay as written
        RuleConditions.Finding own = RuleConditions.down("node c1-org1-2", node(2, NodeStatus.FAILED,
                "listen tcp: address already in use", null));
        assertThat(texts.render(own.key(), own.args(), own.summary(), CHINESE)).contains("错误：listen tcp: address already in use");
        assertThat(down.summary()).contains("Crashed 5 times in a row"); // the REST API's and notifications' words
    }

    /** A pod's reason quoted by "does not answer": the platform's words translated, the cluster's as written. */
    @Test
    void a_not_answering_node_s_pod_reason_reads_in_the_reader_s_language_around_the_cluster_s_words() {
        NodeRecord stuck = node(3, NodeStatus.STARTING, "Pod not ready: ContainerCreating: secret c1-org3-keys not found",
                1_000L);
        RuleConditions.Finding down = RuleConditions.nodeDown(List.of(stuck), Map.of(3L, sample(3, NOW, false,
                Map.of(), Map.of(), null, null, null, Map.of(), Map.of())), NOW, Set.of(), false).get(0);
        assertThat(texts.render(down.key(), down.args(), down.summary(), CHINESE))
                .isEqualTo("节点 c1-org1-3 的指标端口无响应（状态 启动中），原因：Pod 未就绪：ContainerCreating: secret c1-org3-keys not found");
        assertThat(texts.render(down.key(), down.args(), down.summary(), Locale.ENGLISH))
                .isEqualTo("Node c1-org1-3 does not answer on its metrics port (status Starting): Pod not ready:"
                        + " ContainerCreating: secret c1-org3-keys not found");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(AlertTextsTest.class.getClassLoader().getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
