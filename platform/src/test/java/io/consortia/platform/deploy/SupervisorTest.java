package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.MutableClock;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.system.PlatformAction;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

class SupervisorTest {

    @Test
    void a_restart_note_quotes_the_channels_the_node_named_as_stopped_with_its_reasons() {
        String why = Supervisor.notServing(Duration.ofSeconds(31), Map.of(
                "trade", "applying committed entry 2 failed (No space left on device)",
                "main", "its Raft log cannot be written (No space left on device)"));

        assertThat(why).isEqualTo("Did not answer its health check with 200 for 31 s; it reported"
                + " channel main not served: its Raft log cannot be written (No space left on device);"
                + " channel trade not served: applying committed entry 2 failed (No space left on device)");
    }

    @Test
    void a_node_that_does_not_answer_at_all_gets_the_likely_causes() {
        assertThat(Supervisor.notServing(Duration.ofSeconds(30), Map.of()))
                .isEqualTo("Did not answer its health check with 200 for 30 s"
                        + " (hung, or a channel's Raft member stopped: a full disk, for example)");
    }

    /** A supervisor on the given nodes and targets, with the same node settings in every test. */
    /** A restart failed a deployment it interrupted: the platform did that, and the trail says so. */
    @Test
    void a_deployment_failed_at_start_is_told_to_the_audit_trail() {
        DeploymentRepository deployments = mock(DeploymentRepository.class);
        when(deployments.failInterrupted()).thenReturn(List.of(
                new DeploymentRepository.Interrupted(7, 2, "ADD_NODE", "zhao")));
        NodeRepository nodes = mock(NodeRepository.class);
        supervisor(nodes, deployments, mock(Deployers.class), new MutableClock(Instant.now())).adopt();

        assertThat(published).singleElement().isInstanceOfSatisfying(PlatformAction.class, action -> {
            assertThat(action.job()).isEqualTo("platform-start");
            assertThat(action.action()).isEqualTo("deployment.fail");
            assertThat(action.target()).isEqualTo("deployment=7");
            assertThat(action.facts()).containsEntry("deployment", 7L).containsEntry("deploymentAction", "ADD_NODE")
                    .containsEntry("consortium", 2L).containsEntry("requestedBy", "zhao")
                    .containsEntry("deploymentStatus", "FAILED");
        });
    }

    /** What the supervisor told the audit trail it did on its own. */
    private final List<Object> published = new java.util.ArrayList<>();

    private Supervisor supervisor(NodeRepository nodes, Deployers deployers, MutableClock clock) {
        return supervisor(nodes, mock(DeploymentRepository.class), deployers, clock);
    }

    private Supervisor supervisor(NodeRepository nodes, DeploymentRepository deployments, Deployers deployers,
            MutableClock clock) {
        PlatformProperties properties = mock(PlatformProperties.class);
        when(properties.node()).thenReturn(new PlatformProperties.Node(List.of(), 20000, 20100,
                Duration.ofSeconds(90), Duration.ofSeconds(2), 5, "", "", Duration.ofSeconds(30),
                Duration.ofMinutes(10)));
        return new Supervisor(nodes, deployments, mock(DeploymentService.class), deployers,
                mock(TaskScheduler.class), properties, published::add, clock);
    }

    /**
     * The supervisor's rounds on the platform's real schema (H2, migrated by Flyway), with a
     * deployer whose process lives or dies as the test says and a clock the test moves.
     */
    @Nested
    class CrashLoops {
        private HikariDataSource pool;
        private NodeRepository nodes;
        private Supervisor supervisor;
        private long node;
        private boolean alive;
        private final AtomicLong pids = new AtomicLong(1000);
        private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:20:00Z"));

        @BeforeEach
        void setUp() {
            pool = OneConnectionDatabase.open();
            JdbcClient jdbc = JdbcClient.create(pool);
            long org = OneConnectionDatabase.organization(jdbc, "org3");
            long consortium = OneConnectionDatabase.consortium(jdbc, org);
            nodes = new NodeRepository(jdbc);
            node = nodes.insert("c1-org3-0", consortium, org,
                    new NodePlacement("127.0.0.1", 32000, 33000, 34000, "/tmp/c1-org3-0"));

            Deployer deployer = mock(Deployer.class);
            when(deployer.isRunning(any())).thenAnswer(i -> alive);
            when(deployer.isServing(any())).thenAnswer(i -> alive);
            when(deployer.start(any())).thenAnswer(i -> {
                alive = true;
                return pids.incrementAndGet();
            });
            when(deployer.lastRunLogs(any(), anyInt())).thenReturn("a log line");
            when(deployer.vitals(any())).thenReturn(NodeVitals.NONE);
            Deployers deployers = mock(Deployers.class);
            when(deployers.of(any())).thenReturn(deployer);
            supervisor = supervisor(nodes, deployers, clock);
            startByHand();
        }

        @AfterEach
        void close() {
            pool.close();
        }

        /** What a deployment's start step does (POST /nodes/{id}/restart, a network start). */
        private void startByHand() {
            alive = true;
            nodes.startedByHand(node, pids.incrementAndGet());
            supervisor.check();
            assertThat(nodes.get(node).status()).isEqualTo(NodeStatus.RUNNING);
        }

        /** kill -9, a few seconds later the supervisor's round. */
        private NodeRecord crash() {
            alive = false;
            clock.advance(Duration.ofSeconds(5));
            supervisor.check();
            supervisor.check(); // STARTING -> RUNNING, if it was restarted
            return nodes.get(node);
        }

        private void crashLoop() {
            for (int i = 1; i <= 5; i++) {
                assertThat(crash().status()).as("crash " + i + " is restarted").isEqualTo(NodeStatus.RUNNING);
            }
            NodeRecord failed = crash();
            assertThat(failed.status()).as("the sixth crash in a row").isEqualTo(NodeStatus.FAILED);
            assertThat(failed.lastError()).startsWith("Crashed 5 times in a row; not restarting.");
        }

        /** The platform restarted a node on its own: the audit trail names the node, its organisation and why. */
        @Test
        void each_restart_and_the_give_up_are_told_to_the_audit_trail() {
            published.clear();
            crash();
            assertThat(published).singleElement().isInstanceOfSatisfying(PlatformAction.class, action -> {
                assertThat(action.job()).isEqualTo("supervisor");
                assertThat(action.action()).isEqualTo("node.restart");
                assertThat(action.target()).isEqualTo("node=c1-org3-0");
                assertThat(action.organizationId()).isEqualTo(nodes.get(node).organizationId());
                assertThat(action.status()).isEqualTo(200);
                assertThat(action.facts()).containsEntry("node", "c1-org3-0")
                        .containsEntry("reason", "exited unexpectedly (process 1001)")
                        .containsEntry("process", 1002L);
            });
            published.clear();
            for (int i = 2; i <= 6; i++) {
                crash();
            }
            assertThat(published).extracting(a -> ((PlatformAction) a).action())
                    .containsExactly("node.restart", "node.restart", "node.restart", "node.restart", "node.giveUp");
            assertThat(((PlatformAction) published.get(4)).facts()).containsEntry("nodeStatus", "FAILED");
        }

        @Test
        void a_crash_loop_leaves_the_node_failed_after_max_restarts() {
            crashLoop();
            supervisor.check();
            assertThat(nodes.get(node).status()).isEqualTo(NodeStatus.FAILED);
            assertThat(nodes.get(node).pid()).as("a FAILED node has no process").isNull();
        }

        @Test
        void a_node_started_by_hand_no_longer_says_the_supervisor_gave_up_on_it() {
            crashLoop();
            startByHand();
            NodeRecord running = nodes.get(node);
            assertThat(running.status()).isEqualTo(NodeStatus.RUNNING);
            assertThat(running.lastError()).as("'not restarting' next to RUNNING").isNull();
        }

        @Test
        void a_restart_note_goes_once_the_node_ran_healthy_for_the_crash_window() {
            NodeRecord restarted = crash();
            assertThat(restarted.lastError()).startsWith("Exited unexpectedly at 2026-12-06T00:20:05Z; restarted.");
            assertThat(restarted.lastErrorAt()).isEqualTo(Instant.parse("2026-12-06T00:20:05Z").toEpochMilli());
            clock.advance(Duration.ofMinutes(9));
            supervisor.check();
            assertThat(nodes.get(node).lastError()).as("kept, with its time, while a loop may go on").isNotNull();

            clock.advance(Duration.ofMinutes(1));
            supervisor.check();
            assertThat(nodes.get(node).lastError()).as("after 10 minutes of serving").isNull();
            assertThat(nodes.get(node).status()).isEqualTo(NodeStatus.RUNNING);
        }

        @Test
        void a_node_recovered_by_hand_is_restarted_again_at_its_next_crash() {
            crashLoop();
            startByHand();
            clock.advance(Duration.ofSeconds(60));

            NodeRecord after = crash();
            assertThat(after.status()).as("the tester's case: one crash after a restart by hand")
                    .isEqualTo(NodeStatus.RUNNING);
            assertThat(after.restarts()).as("the lifetime count goes on").isEqualTo(6);
        }

        @Test
        void a_node_that_ran_for_the_crash_window_is_restarted_again_at_its_next_crash() {
            for (int i = 1; i <= 5; i++) {
                crash();
            }
            clock.advance(Duration.ofMinutes(10));

            assertThat(crash().status()).as("the first crash after 10 minutes of running")
                    .isEqualTo(NodeStatus.RUNNING);
            for (int i = 2; i <= 5; i++) {
                assertThat(crash().status()).as("crash " + i + " of the new loop").isEqualTo(NodeStatus.RUNNING);
            }
            assertThat(crash().status()).as("the new loop's sixth crash").isEqualTo(NodeStatus.FAILED);
        }
    }

    /**
     * Nodes a cluster keeps running: every round asks their target once for all of them, and each
     * node's status and restarts follow what it reports.
     */
    @Nested
    class ClusterNodes {
        private HikariDataSource pool;
        private NodeRepository nodes;
        private Supervisor supervisor;
        private final Deployer cluster = mock(Deployer.class);
        private long first;
        private long second;

        @BeforeEach
        void setUp() {
            pool = OneConnectionDatabase.open();
            JdbcClient jdbc = JdbcClient.create(pool);
            long org = OneConnectionDatabase.organization(jdbc, "org1");
            long consortium = OneConnectionDatabase.consortium(jdbc, org);
            nodes = new NodeRepository(jdbc);
            first = nodes.insert("c1-org1-0", consortium, org, new NodePlacement("c1-org1-0.ns", 7051, 7052, 9100,
                    "ns/c1-org1-0"));
            second = nodes.insert("c1-org1-1", consortium, org, new NodePlacement("c1-org1-1.ns", 7051, 7052, 9100,
                    "ns/c1-org1-1"));
            nodes.startedByHand(first, null);
            nodes.startedByHand(second, null);
            when(cluster.selfHealing()).thenReturn(true);
            Deployers deployers = mock(Deployers.class);
            when(deployers.of(any())).thenReturn(cluster);
            supervisor = supervisor(nodes, deployers, new MutableClock(Instant.now()));
        }

        @AfterEach
        void close() {
            pool.close();
        }

        @Test
        void one_question_per_round_answers_for_every_pod_and_each_node_follows_its_own() {
            when(cluster.observeAll(any())).thenReturn(Map.of(
                    "c1-org1-0", new NodeObservation(true, 0, List.of()),
                    "c1-org1-1", new NodeObservation(false, 1, List.of("BackOff: Back-off restarting failed container"))));

            supervisor.check();

            org.mockito.Mockito.verify(cluster).observeAll(org.mockito.ArgumentMatchers.argThat(l -> l.size() == 2));
            org.mockito.Mockito.verify(cluster, org.mockito.Mockito.never()).observe(any());
            assertThat(nodes.get(first).status()).isEqualTo(NodeStatus.RUNNING);
            NodeRecord restarted = nodes.get(second);
            assertThat(restarted.status()).isEqualTo(NodeStatus.STARTING);
            assertThat(restarted.restarts()).isEqualTo(1);
            assertThat(restarted.lastError()).contains("BackOff: Back-off restarting failed container");
        }

        /**
         * Found by a tester: a pod stuck in ContainerCreating (its keys Secret deleted) was STARTING with
         * no error on the platform while the cluster said why; the NODE_DOWN alert could not say it.
         */
        @Test
        void a_pod_that_is_not_ready_notes_why_in_the_cluster_s_words_until_it_is_ready() throws InterruptedException {
            when(cluster.observeAll(any())).thenReturn(Map.of(
                    "c1-org1-0", new NodeObservation(false, 0, List.of("FailedMount: MountVolume.SetUp failed"),
                            "ContainerCreating: secret c1-org1-keys not found"),
                    "c1-org1-1", new NodeObservation(true, 0, List.of())));

            supervisor.check();

            NodeRecord waiting = nodes.get(first);
            assertThat(waiting.status()).isEqualTo(NodeStatus.STARTING);
            assertThat(waiting.lastError()).isEqualTo("Pod not ready: ContainerCreating: secret c1-org1-keys not found");
            assertThat(waiting.lastErrorAt()).isNotNull();
            Long since = waiting.lastErrorAt();
            Thread.sleep(5);

            // the same stretch in other words (a crash loop's back-off grows): the text follows, its time stays
            when(cluster.observeAll(any())).thenReturn(Map.of(
                    "c1-org1-0", new NodeObservation(false, 1, List.of(),
                            "CrashLoopBackOff: back-off 20s; last terminated: OOMKilled (exit code 137)"),
                    "c1-org1-1", new NodeObservation(true, 0, List.of())));
            supervisor.check();
            waiting = nodes.get(first);
            assertThat(waiting.lastError())
                    .isEqualTo("Pod not ready: CrashLoopBackOff: back-off 20s; last terminated: OOMKilled (exit code 137)");
            assertThat(waiting.lastErrorAt()).isEqualTo(since);
            assertThat(waiting.restarts()).isEqualTo(1);

            when(cluster.observeAll(any())).thenReturn(Map.of(
                    "c1-org1-0", new NodeObservation(true, 1, List.of()),
                    "c1-org1-1", new NodeObservation(true, 0, List.of())));
            supervisor.check();
            assertThat(nodes.get(first).status()).isEqualTo(NodeStatus.RUNNING);
            assertThat(nodes.get(first).lastError()).as("ready: the note is no longer its state").isNull();
            assertThat(nodes.get(second).lastError()).isNull();
        }

        @Test
        void a_restart_note_stays_when_the_pod_is_ready_again() {
            nodes.note(first, "Restarted by the cluster at 2026-12-02T10:00:00Z (1 restarts); recent events:\nx");
            when(cluster.observeAll(any())).thenReturn(Map.of(
                    "c1-org1-0", new NodeObservation(true, 0, List.of()),
                    "c1-org1-1", new NodeObservation(true, 0, List.of())));

            supervisor.check();

            assertThat(nodes.get(first).lastError()).startsWith("Restarted by the cluster");
        }
    }
}
