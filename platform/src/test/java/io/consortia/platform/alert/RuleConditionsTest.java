package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.certificate.CertificateStatus;
import io.consortia.platform.certificate.CertificateView;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.monitoring.NodeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule kind's condition on hand-made facts: what fires, and what must not. */
class RuleConditionsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static NodeRecord node(long id, String desired, NodeStatus status, String lastError) {
        return new NodeRecord(id, "c1-org1-" + id, 1, 1, "127.0.0.1", 21000, 21001, 21002, "/tmp/n" + id, desired,
                status, 100L, 0, lastError, 0);
    }

    private static NodeRecord running(long id) {
        return node(id, "RUNNING", NodeStatus.RUNNING, null);
    }

    private static NodeSample sample(long id, Instant at, boolean up, Map<String, Long> heights,
            Map<String, Long> leaderChanges, Long used, Long free) {
        return new NodeSample(id, "c1-org1-" + id, 1, at, up, up ? heights : Map.of(), Map.of(),
                up ? leaderChanges : Map.of(), null, null, used, free);
    }

    private static NodeSample heights(long id, Instant at, Map<String, Long> heights) {
        return sample(id, at, true, heights, Map.of(), null, null);
    }

    private static List<String> targets(List<RuleConditions.Finding> findings) {
        return findings.stream().map(RuleConditions.Finding::target).toList();
    }

    @Nested
    class NodeDown {
        @Test
        void crashed_failed_and_stopped_nodes_that_should_run_are_down_with_their_last_error() {
            List<RuleConditions.Finding> down = RuleConditions.nodeDown(List.of(
                    node(1, "RUNNING", NodeStatus.FAILED, "Crashed 5 times; not restarting. Log ends:\nboom"),
                    node(2, "RUNNING", NodeStatus.CRASHED, null),
                    node(3, "RUNNING", NodeStatus.STOPPED, null),
                    running(4)), Map.of(), NOW, Set.of(), false);
            assertThat(targets(down)).containsExactly("node c1-org1-1", "node c1-org1-2", "node c1-org1-3");
            assertThat(down.get(0).summary()).contains("FAILED").contains("Crashed 5 times").doesNotContain("boom");
        }

        @Test
        void a_failed_node_s_summary_says_since_when_and_what_to_do_without_a_dangling_log_marker() {
            NodeRecord failed = new NodeRecord(1, "c1-org3-0", 1, 3, "127.0.0.1", 21000, 21001, 21002, "/tmp/n1",
                    "RUNNING", NodeStatus.FAILED, null, 5, "Crashed 5 times in a row; not restarting. Log ends:\n"
                    + "2026-12-06 00:35:18.775 WARN  [timer2] GrpcLogAppender - Timed out", 0, 5,
                    Instant.parse("2026-12-02T11:59:30Z").toEpochMilli(), Instant.parse("2026-12-02T11:59:30Z").toEpochMilli());

            List<RuleConditions.Finding> down = RuleConditions.nodeDown(List.of(failed), Map.of(), NOW, Set.of(), false);

            assertThat(down.get(0).summary()).isEqualTo("Node c1-org3-0 is down since 2026-12-02T11:59:30Z: status FAILED:"
                    + " Crashed 5 times in a row; not restarting. Restart it: POST /api/v1/nodes/c1-org3-0/restart, or"
                    + " Restart on the consortium's Nodes page; its log: GET /api/v1/nodes/c1-org3-0/logs.");
        }

        @Test
        void a_node_stopped_on_purpose_or_starting_is_not_down() {
            assertThat(RuleConditions.nodeDown(List.of(node(1, "STOPPED", NodeStatus.STOPPED, null),
                    node(2, "RUNNING", NodeStatus.STARTING, null), running(3)), Map.of(), NOW, Set.of(), false)).isEmpty();
        }

        @Test
        void a_running_node_whose_fresh_sample_did_not_answer_is_down_but_a_stale_sample_says_nothing() {
            NodeSample silent = sample(1, NOW.minusSeconds(10), false, Map.of(), Map.of(), null, null);
            NodeSample stale = sample(2, NOW.minus(Duration.ofMinutes(10)), false, Map.of(), Map.of(), null, null);
            assertThat(targets(RuleConditions.nodeDown(List.of(running(1), running(2)), Map.of(1L, silent, 2L, stale),
                    NOW, Set.of(), false))).containsExactly("node c1-org1-1");
        }

        @Test
        void a_node_the_platform_starts_on_purpose_is_not_down_within_its_start_grace() {
            // deploy, start, add node: the node is STARTING (or CREATED, or STOPPED between a restart's
            // steps) and does not answer its metrics port yet
            NodeRecord starting = node(1, "RUNNING", NodeStatus.STARTING, null);
            NodeRecord created = node(2, "RUNNING", NodeStatus.CREATED, null);
            NodeRecord restarting = node(3, "RUNNING", NodeStatus.STOPPED, null);
            Map<Long, NodeSample> silent = Map.of(
                    1L, sample(1, NOW.minusSeconds(5), false, Map.of(), Map.of(), null, null),
                    2L, sample(2, NOW.minusSeconds(5), false, Map.of(), Map.of(), null, null),
                    3L, sample(3, NOW.minusSeconds(5), false, Map.of(), Map.of(), null, null));
            Map<Long, Instant> since = Map.of(1L, NOW.minusSeconds(60), 2L, NOW.minusSeconds(60), 3L, NOW.minusSeconds(60));

            assertThat(RuleConditions.nodeDown(List.of(starting, created, restarting), silent, NOW, Set.of(), true,
                    since, Duration.ofSeconds(90))).isEmpty();
            // past the grace a start that does not serve is down
            assertThat(targets(RuleConditions.nodeDown(List.of(starting, created), silent, NOW, Set.of(), true,
                    Map.of(1L, NOW.minusSeconds(100), 2L, NOW.minusSeconds(100)), Duration.ofSeconds(90))))
                    .containsExactly("node c1-org1-1", "node c1-org1-2");
        }

        @Test
        void a_node_restarted_by_the_supervisor_after_crashes_gets_no_grace() {
            NodeRecord looping = new NodeRecord(1, "c1-org1-1", 1, 1, "127.0.0.1", 21000, 21001, 21002, "/tmp/n1",
                    "RUNNING", NodeStatus.STARTING, 100L, 3, "crashed", 0, 3, NOW.minusSeconds(20).toEpochMilli(),
                    NOW.minusSeconds(20).toEpochMilli());
            Map<Long, NodeSample> silent = Map.of(1L, sample(1, NOW.minusSeconds(5), false, Map.of(), Map.of(), null, null));
            assertThat(targets(RuleConditions.nodeDown(List.of(looping), silent, NOW, Set.of(), false,
                    Map.of(1L, NOW.minusSeconds(10)), Duration.ofSeconds(90)))).containsExactly("node c1-org1-1");
        }

        /**
         * Found by a tester: a pod stuck in ContainerCreating (its keys Secret deleted) paged "does not
         * answer on its metrics port (status STARTING)" and nothing more, though the cluster said why.
         */
        @Test
        void a_node_that_does_not_answer_says_why_when_its_note_knows_but_not_a_running_node_s_old_note() {
            NodeRecord stuck = new NodeRecord(1, "c1-org3-0", 1, 3, "h", 7051, 7052, 7053, "ns/c1-org3-0", "RUNNING",
                    NodeStatus.STARTING, null, 0, "Pod not ready: ContainerCreating: secret c1-org3-keys not found", 0, 1,
                    null, NOW.minusSeconds(200).toEpochMilli());
            Map<Long, NodeSample> silent = Map.of(1L, sample(1, NOW.minusSeconds(5), false, Map.of(), Map.of(), null, null));

            RuleConditions.Finding down = RuleConditions.nodeDown(List.of(stuck), silent, NOW, Set.of(), false).get(0);

            assertThat(down.summary()).isEqualTo("Node c1-org3-0 does not answer on its metrics port (status STARTING):"
                    + " Pod not ready: ContainerCreating: secret c1-org3-keys not found");
            assertThat(down.key()).isEqualTo("alertText.NODE_DOWN.notAnsweringNote");
            assertThat(down.args()).last().isEqualTo("Pod not ready: ContainerCreating: secret c1-org3-keys not found");
            assertThat(RuleConditions.nodeDown(List.of(stuck), Map.of(), NOW, Set.of("node c1-org3-0"), false).get(0)
                    .summary()).isEqualTo("Node c1-org3-0 does not serve yet (status STARTING): Pod not ready:"
                    + " ContainerCreating: secret c1-org3-keys not found");
            NodeRecord recovered = node(2, "RUNNING", NodeStatus.RUNNING, "Restarted at platform start 2026-12-02T11:00:00Z");
            assertThat(RuleConditions.nodeDown(List.of(recovered), Map.of(2L, sample(2, NOW.minusSeconds(5), false,
                    Map.of(), Map.of(), null, null)), NOW, Set.of(), false).get(0).summary())
                    .isEqualTo("Node c1-org1-2 does not answer on its metrics port (status RUNNING)");
        }

        @Test
        void an_alerted_node_stays_down_while_it_is_restarted_until_it_serves() {
            Set<String> alerted = Set.of("node c1-org1-1");
            // the restart's first step stops it on purpose, then it starts
            assertThat(targets(RuleConditions.nodeDown(List.of(node(1, "STOPPED", NodeStatus.STOPPED, null)), Map.of(),
                    NOW, alerted, true))).containsExactly("node c1-org1-1");
            assertThat(RuleConditions.nodeDown(List.of(node(1, "RUNNING", NodeStatus.STARTING, null)), Map.of(), NOW,
                    alerted, false).get(0).summary()).contains("does not serve yet (status STARTING)");
            assertThat(RuleConditions.nodeDown(List.of(running(1)), Map.of(), NOW, alerted, true)).isEmpty();
            // the network stopped on purpose, nothing running: the alert resolves
            assertThat(RuleConditions.nodeDown(List.of(node(1, "STOPPED", NodeStatus.STOPPED, null)), Map.of(), NOW,
                    alerted, false)).isEmpty();
        }
    }

    @Test
    void height_lag_fires_at_the_threshold_per_node_and_channel() {
        Map<Long, NodeSample> latest = Map.of(
                1L, heights(1, NOW, Map.of("main", 100L, "b", 5L)),
                2L, heights(2, NOW, Map.of("main", 90L, "b", 5L)),
                3L, heights(3, NOW, Map.of("main", 91L)));
        List<RuleConditions.Finding> lagging = RuleConditions.heightLag(List.of(running(1), running(2), running(3)),
                latest, NOW, 10);
        assertThat(targets(lagging)).containsExactly("node c1-org1-2 channel main");
        assertThat(lagging.get(0).summary()).contains("10 blocks behind").contains("highest 100");
    }

    @Test
    void height_lag_ignores_nodes_that_did_not_answer() {
        Map<Long, NodeSample> latest = Map.of(1L, heights(1, NOW, Map.of("main", 100L)),
                2L, sample(2, NOW, false, Map.of(), Map.of(), null, null));
        assertThat(RuleConditions.heightLag(List.of(running(1), running(2)), latest, NOW, 1)).isEmpty();
    }

    @Nested
    class NoBlocks {
        private NodeSample queued(long id, Instant at, Map<String, Long> heights, Map<String, Long> queued) {
            return new NodeSample(id, "c1-org1-" + id, 1, at, true, heights, Map.of(), Map.of(), null, null, null,
                    null, Map.of(), Map.of(), Map.of(), queued, null);
        }

        @Test
        void a_channel_with_transactions_waiting_since_before_the_window_and_no_block_since_is_reported() {
            Map<Long, List<NodeSample>> history = Map.of(1L, List.of(
                    queued(1, NOW.minusSeconds(900), Map.of("main", 10L, "idle", 3L), Map.of("main", 0L, "idle", 0L)),
                    queued(1, NOW.minusSeconds(700), Map.of("main", 12L, "idle", 3L), Map.of("main", 4L, "idle", 0L)),
                    queued(1, NOW.minusSeconds(10), Map.of("main", 12L, "idle", 3L), Map.of("main", 6L, "idle", 0L))));
            List<RuleConditions.Finding> stuck = RuleConditions.noBlocks(history, NOW, Duration.ofSeconds(600));
            assertThat(targets(stuck)).containsExactly("channel main");
            assertThat(stuck.get(0).summary()).contains("6 transactions").contains("11 minutes");
        }

        @Test
        void a_channel_nobody_submits_to_is_idle_however_long_ago_its_last_block() {
            // blocks came, then the applications stopped: nothing waits, nothing to alert about
            Map<Long, List<NodeSample>> history = Map.of(1L, List.of(
                    queued(1, NOW.minusSeconds(900), Map.of("main", 10L), Map.of("main", 0L)),
                    queued(1, NOW.minusSeconds(700), Map.of("main", 12L), Map.of("main", 0L)),
                    queued(1, NOW.minusSeconds(10), Map.of("main", 12L), Map.of("main", 0L))));
            assertThat(RuleConditions.noBlocks(history, NOW, Duration.ofSeconds(600))).isEmpty();
        }

        @Test
        void work_that_waits_less_than_the_window_or_a_block_after_it_is_fine() {
            Map<Long, List<NodeSample>> history = Map.of(1L, List.of(
                    queued(1, NOW.minusSeconds(900), Map.of("a", 5L, "b", 5L), Map.of("a", 0L, "b", 2L)),
                    queued(1, NOW.minusSeconds(300), Map.of("a", 5L, "b", 6L), Map.of("a", 3L, "b", 2L)),
                    queued(1, NOW.minusSeconds(10), Map.of("a", 5L, "b", 6L), Map.of("a", 3L, "b", 2L))));
            assertThat(RuleConditions.noBlocks(history, NOW, Duration.ofSeconds(600)))
                    .as("a waits 5 minutes only; b had a block after its work came").isEmpty();
        }

        @Test
        void a_channel_that_grew_within_the_window_on_any_node_is_fine() {
            Map<Long, List<NodeSample>> history = Map.of(
                    1L, List.of(heights(1, NOW.minusSeconds(900), Map.of("main", 10L)),
                            heights(1, NOW.minusSeconds(5), Map.of("main", 10L))),
                    2L, List.of(heights(2, NOW.minusSeconds(800), Map.of("main", 10L)),
                            heights(2, NOW.minusSeconds(60), Map.of("main", 11L))));
            assertThat(RuleConditions.noBlocks(history, NOW, Duration.ofSeconds(600))).isEmpty();
        }
    }

    private static NodeSample disk(long id, Long data, Long free, Long total) {
        return new NodeSample(id, "c1-org1-" + id, 1, NOW, true, Map.of(), Map.of(), Map.of(), null, null, data, free,
                Map.of(), Map.of(), Map.of(), Map.of(), total);
    }

    @Test
    void disk_usage_is_the_used_share_of_the_file_system_holding_the_data_directory() {
        long gib = 1L << 30;
        Map<Long, NodeSample> latest = Map.of(
                // small data on a disk that other files fill: the disk is what runs out (this did not fire)
                1L, disk(1, 1L << 20, 10 * gib, 100 * gib),
                2L, disk(2, 50 * gib, 15 * gib, 100 * gib),
                3L, disk(3, null, null, null),
                4L, disk(4, 1L << 20, 10 * gib, null)); // a node that does not export its file system's size
        List<RuleConditions.Finding> full = RuleConditions.diskUsage(
                List.of(running(1), running(2), running(3), running(4)), latest, NOW, 85);
        assertThat(targets(full)).as("85 % is not above 85 %; unknown is not full").containsExactly("node c1-org1-1");
        assertThat(full.get(0).summary()).contains("90.0 %").contains("10240 MiB free of 102400 MiB");
    }

    @Nested
    class NoLeader {
        private NodeSample leaders(long id, Instant at, Map<String, Boolean> hasLeader) {
            return new NodeSample(id, "c1-org1-" + id, 1, at, true, Map.of(), Map.of(), Map.of(), null, null, null,
                    null, Map.of(), Map.of(), hasLeader, Map.of(), null);
        }

        @Test
        void a_channel_whose_answering_nodes_know_no_leader_is_reported_with_who_sees_it() {
            // two of three nodes paused: they do not answer, the third has no leader on main
            Map<Long, NodeSample> latest = Map.of(
                    1L, sample(1, NOW, false, Map.of(), Map.of(), null, null),
                    2L, sample(2, NOW, false, Map.of(), Map.of(), null, null),
                    3L, leaders(3, NOW, Map.of("main", false, "side", true)));
            List<RuleConditions.Finding> leaderless = RuleConditions.noLeader(
                    List.of(running(1), running(2), running(3)), latest, NOW);
            assertThat(targets(leaderless)).containsExactly("channel main");
            assertThat(leaderless.get(0).summary()).contains("no Raft leader").contains("seen by c1-org1-3")
                    .contains("Not answering: c1-org1-1, c1-org1-2").contains("Start or resume them");
            assertThat(leaderless.get(0).args()).containsExactly("main", "c1-org1-3", "c1-org1-1, c1-org1-2");
        }

        /** "Start or resume the stopped ones" was the advice also when no node had stopped. */
        @Test
        void with_every_node_answering_the_advice_is_their_logs_not_a_restart() {
            Map<Long, NodeSample> latest = Map.of(
                    1L, leaders(1, NOW, Map.of("main", false)),
                    2L, leaders(2, NOW, Map.of("main", false)));
            List<RuleConditions.Finding> leaderless = RuleConditions.noLeader(List.of(running(1), running(2)), latest,
                    NOW);
            assertThat(leaderless).singleElement().satisfies(f -> {
                assertThat(f.summary()).contains("seen by c1-org1-1, c1-org1-2").contains("although all")
                        .contains("/logs").doesNotContain("Start or resume");
                assertThat(f.key()).isEqualTo("alertText.NO_LEADER.leaderlessAllAnswer");
            });
        }

        @Test
        void a_channel_led_as_seen_by_any_node_or_only_stale_samples_is_not_reported() {
            Map<Long, NodeSample> latest = Map.of(
                    1L, leaders(1, NOW, Map.of("main", true)),
                    2L, leaders(2, NOW, Map.of("main", false)), // a lagging follower that lost touch
                    3L, leaders(3, NOW.minus(Duration.ofMinutes(10)), Map.of("old", false)));
            assertThat(RuleConditions.noLeader(List.of(running(1), running(2), running(3)), latest, NOW)).isEmpty();
        }
    }

    @Test
    void certificate_expiry_reports_certificates_in_use_within_the_days_and_expired_ones() {
        List<CertificateView> certificates = List.of(
                cert("aa", 29, CertificateStatus.EXPIRING, true),
                cert("bb", 30, CertificateStatus.VALID, true),
                cert("cc", -2, CertificateStatus.EXPIRED, true),
                cert("dd", 3, CertificateStatus.SUPERSEDED, false),
                cert("ee", 3, CertificateStatus.REVOKED, true));
        List<RuleConditions.Finding> expiring = RuleConditions.certificateExpiry(certificates, 30);
        assertThat(targets(expiring)).containsExactly("certificate aa", "certificate cc");
        assertThat(expiring.get(0).summary()).contains("expires in 29 days");
        assertThat(expiring.get(1).summary()).contains("expired 2 days ago");
    }

    private static CertificateView cert(String serial, long daysLeft, CertificateStatus status, boolean inUse) {
        return new CertificateView(1, 1, "org1", KeyPurpose.NODE, "c1-org1-0", serial, "CN=ca", 0,
                NOW.plus(Duration.ofDays(daysLeft)).toEpochMilli(), daysLeft, status, inUse, null, null, null, null);
    }

    @Nested
    class LeaderChanges {
        @Test
        void more_than_the_threshold_within_the_window_fires_and_a_restarted_counter_counts_from_zero() {
            Map<Long, List<NodeSample>> history = Map.of(1L, List.of(
                    sample(1, NOW.minusSeconds(3000), true, Map.of(), Map.of("main", 0L), null, null),
                    sample(1, NOW.minusSeconds(500), true, Map.of(), Map.of("main", 10L), null, null),
                    sample(1, NOW.minusSeconds(300), true, Map.of(), Map.of("main", 12L), null, null),
                    sample(1, NOW.minusSeconds(200), true, Map.of(), Map.of("main", 1L), null, null),
                    sample(1, NOW.minusSeconds(100), true, Map.of(), Map.of("main", 2L), null, null)));
            // within 600 s: 10 -> 12 (+2), restart -> 1 (+1), -> 2 (+1): 4; the 10 changes before the window do not count
            assertThat(targets(RuleConditions.leaderChanges(history, NOW, Duration.ofSeconds(600), 3)))
                    .containsExactly("channel main");
            assertThat(RuleConditions.leaderChanges(history, NOW, Duration.ofSeconds(600), 4)).isEmpty();
        }
    }

    @Nested
    class DeploymentFailed {
        private Deployment deployment(long id, String status, Instant finished) {
            return new Deployment(id, 1, "DEPLOY", status, "FAILED".equals(status) ? "Node c1-org1-0 exited\nstack" : null,
                    "alice", finished.toEpochMilli() - 1000, finished.toEpochMilli(), List.of());
        }

        @Test
        void the_latest_finished_deployment_failed_within_the_window() {
            List<RuleConditions.Finding> failed = RuleConditions.deploymentFailed(List.of(
                    deployment(2, "FAILED", NOW.minusSeconds(60)), deployment(1, "SUCCEEDED", NOW.minusSeconds(600))),
                    NOW, Duration.ofDays(1));
            assertThat(targets(failed)).containsExactly("deployment 2");
            assertThat(failed.get(0).summary()).contains("DEPLOY").contains("alice").contains("exited")
                    .doesNotContain("stack");
        }

        @Test
        void a_later_success_an_old_failure_or_a_running_deployment_do_not_fire() {
            assertThat(RuleConditions.deploymentFailed(List.of(deployment(3, "SUCCEEDED", NOW),
                    deployment(2, "FAILED", NOW.minusSeconds(60))), NOW, Duration.ofDays(1))).isEmpty();
            assertThat(RuleConditions.deploymentFailed(List.of(deployment(2, "FAILED", NOW.minus(Duration.ofDays(2)))),
                    NOW, Duration.ofDays(1))).isEmpty();
            assertThat(targets(RuleConditions.deploymentFailed(List.of(deployment(3, "RUNNING", NOW),
                    deployment(2, "FAILED", NOW.minusSeconds(60))), NOW, Duration.ofDays(1))))
                    .containsExactly("deployment 2");
        }
    }
}
