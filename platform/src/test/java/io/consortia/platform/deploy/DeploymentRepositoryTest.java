package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deployment reads on the platform's real schema (H2, migrated by Flyway) through a pool of one
 * connection, outside a transaction: a read that needs a second connection while it holds the
 * first one fails after the pool's timeout instead of returning.
 */
class DeploymentRepositoryTest {
    private HikariDataSource pool;
    private DeploymentRepository deployments;
    private long consortium;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("insert into organizations (name, display_name, created_at) values ('org1', 'Org 1', 0)").update();
        long org = jdbc.sql("select id from organizations").query(Long.class).single();
        consortium = OneConnectionDatabase.consortium(jdbc, org);
        deployments = new DeploymentRepository(jdbc);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /** A step that waits says how far it got while RUNNING, in place: one step, not one per stage. */
    @Test
    void a_step_in_place_is_running_with_its_latest_name_and_detail_and_ends_under_its_last_name() {
        long id = deployments.insert(consortium, "DEPLOY", "alice");
        Progress progress = new Progress(deployments, id);
        List<List<Object>> seen = new ArrayList<>();

        progress.stepInPlace("Pods ready 0/2", null, update -> {
            update.update("Pods ready 1/2", "c1-org1-0: ContainerCreating: secret c1-org1-keys not found");
            Deployment.Step now = deployments.byId(id).orElseThrow().steps().get(0);
            seen.add(List.of(now.name(), now.status(), now.detail()));
            update.update("Pods ready 2/2", null);
            return null;
        });

        assertThat(seen).containsExactly(List.of("Pods ready 1/2", "RUNNING",
                "c1-org1-0: ContainerCreating: secret c1-org1-keys not found"));
        assertThat(deployments.byId(id).orElseThrow().steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("Pods ready 2/2");
            assertThat(step.status()).isEqualTo("DONE");
            assertThat(step.detail()).isNull();
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> progress.stepInPlace("Pods ready 0/1", null, u -> {
            u.update("Pods ready 0/1", "c1-org1-0: ImagePullBackOff");
            throw new IllegalStateException("Only 0 of 1 pods became ready");
        })).hasMessage("Only 0 of 1 pods became ready");
        assertThat(deployments.byId(id).orElseThrow().steps()).last()
                .extracting(Deployment.Step::name, Deployment.Step::status, Deployment.Step::detail)
                .containsExactly("Pods ready 0/1", "FAILED", "Only 0 of 1 pods became ready");
    }

    @Test
    void a_read_needs_one_connection_at_a_time_and_returns_the_steps() {
        long first = deployments.insert(consortium, "DEPLOY", "alice");
        long step = deployments.startStep(first, "c-org1-0", "Start node c-org1-0");
        deployments.finishStep(step, "DONE", "up");
        deployments.startStep(first, null, "Create channel main");
        deployments.finish(first, "SUCCEEDED", null);
        long second = deployments.insert(consortium, "STOP", "bob");

        Deployment read = deployments.byId(first).orElseThrow();
        assertThat(read.status()).isEqualTo("SUCCEEDED");
        assertThat(read.finishedAt()).isNotNull();
        assertThat(read.steps()).extracting(Deployment.Step::name, Deployment.Step::status)
                .containsExactly(tuple("Start node c-org1-0", "DONE"),
                        tuple("Create channel main", "RUNNING"));
        assertThat(read.steps().get(0).finishedAt()).isNotNull();
        assertThat(read.steps().get(1).finishedAt()).isNull();
        assertThat(deployments.byId(second).orElseThrow().steps()).isEmpty();
        assertThat(deployments.byId(-1)).isEmpty();
        assertThat(deployments.ofConsortium(consortium)).extracting(Deployment::id, d -> d.steps().size())
                .containsExactly(tuple(second, 0),
                        tuple(first, 2));
    }

    /**
     * A platform restart ends the deployments it interrupted, and their steps with them: a step
     * left RUNNING read as still in progress on the progress view for good.
     */
    @Test
    void a_restart_fails_the_interrupted_deployments_and_their_running_steps_only() {
        long finished = deployments.insert(consortium, "DEPLOY", "alice");
        long doneStep = deployments.startStep(finished, "c-org1-0", "Start node c-org1-0");
        deployments.finishStep(doneStep, "DONE", "up");
        deployments.finish(finished, "SUCCEEDED", null);
        long interrupted = deployments.insert(consortium, "ADD_NODE", "alice");
        long before = deployments.startStep(interrupted, "c-org1-1", "Issue certificates of c-org1-1");
        deployments.finishStep(before, "DONE", "issued");
        deployments.startStep(interrupted, "c-org1-1", "Start node c-org1-1");

        assertThat(deployments.failInterrupted()).as("what the audit trail is told")
                .containsExactly(new DeploymentRepository.Interrupted(interrupted, consortium, "ADD_NODE", "alice"));

        Deployment read = deployments.byId(interrupted).orElseThrow();
        assertThat(read.status()).isEqualTo("FAILED");
        assertThat(read.reason()).isEqualTo(DeploymentRepository.INTERRUPTED);
        assertThat(read.steps()).extracting(Deployment.Step::status, Deployment.Step::detail)
                .containsExactly(tuple("DONE", "issued"), tuple("FAILED", DeploymentRepository.INTERRUPTED));
        assertThat(read.steps()).allSatisfy(step -> assertThat(step.finishedAt()).isNotNull());
        assertThat(deployments.byId(finished).orElseThrow().steps()).extracting(Deployment.Step::status)
                .containsExactly("DONE");
    }

    /** A network's deployment found interrupted at start says what to do: the cluster's part may have gone on. */
    @Test
    void a_network_s_deployment_found_interrupted_at_start_says_to_deploy_again() {
        long deploy = deployments.insert(consortium, "DEPLOY", "alice");
        deployments.startStep(deploy, null, "Pods ready 0/1");

        assertThat(deployments.failInterrupted()).extracting(DeploymentRepository.Interrupted::id)
                .containsExactly(deploy);

        Deployment read = deployments.byId(deploy).orElseThrow();
        assertThat(read.status()).isEqualTo("FAILED");
        assertThat(read.reason()).isEqualTo("The platform stopped during this deployment, so the network may be "
                + "partly deployed: deploy it again to finish it");
        assertThat(read.steps()).extracting(Deployment.Step::status, Deployment.Step::detail)
                .containsExactly(tuple("FAILED", DeploymentRepository.INTERRUPTED));
    }

    /**
     * A tester stopped the platform while a node was being added: after the restart the node ran, RUNNING in no
     * channel and a learner in one channel's configuration, and nothing said so anywhere.
     */
    @Test
    void a_node_whose_addition_a_restart_interrupted_says_so_and_what_to_do() {
        JdbcClient jdbc = JdbcClient.create(pool);
        long org = jdbc.sql("select id from organizations").query(Long.class).single();
        NodeRepository nodes = new NodeRepository(jdbc);
        nodes.insert("c-org1-1", consortium, org, new NodePlacement("127.0.0.1", 1, 2, 3, "/tmp/c-org1-1"));
        nodes.insert("c-org1-0", consortium, org, new NodePlacement("127.0.0.1", 4, 5, 6, "/tmp/c-org1-0"));
        long adding = deployments.insert(consortium, "ADD_NODE", "alice");
        deployments.startStep(adding, "c-org1-1", "Join c-org1-1 to channel main");
        long other = deployments.insert(consortium, "STOP", "alice");
        deployments.startStep(other, "c-org1-0", "Stop node c-org1-0");

        deployments.failInterrupted();

        assertThat(nodes.byNodeId("c-org1-1").orElseThrow().lastError()).isEqualTo(
                DeploymentRepository.ADD_NODE_INTERRUPTED);
        assertThat(nodes.byNodeId("c-org1-0").orElseThrow().lastError()).as("not being added").isNull();
    }
    /**
     * A first deployment the platform's restart interrupted left the consortium DEPLOYING for good:
     * deploying again was refused ("is DEPLOYING; delete it before deploying again") while the
     * deployment read FAILED, and Start made it RUNNING without its first channel (found by a
     * tester killing the platform during a deployment). It is FAILED, as after a deployment that
     * failed while the platform ran, so it can be deployed again; a network whose interrupted
     * operation was not its deployment keeps its status.
     */
    @Test
    void a_restart_fails_the_consortium_whose_deployment_it_interrupted() {
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("update consortia set status = 'DEPLOYING' where id = ?").params(consortium).update();
        jdbc.sql("insert into consortia (name, name_key, signature_scheme, nodes_per_organization, consensus, "
                + "deployment_target, leader_organization_id, status, created_at) select 'other', 'other', "
                + "signature_scheme, 1, consensus, deployment_target, leader_organization_id, 'RUNNING', 0 "
                + "from consortia where id = ?").params(consortium).update();
        long other = jdbc.sql("select id from consortia where name = 'other'").query(Long.class).single();
        deployments.insert(consortium, "DEPLOY", "alice");
        deployments.insert(other, "ADD_NODE", "alice");

        assertThat(deployments.failInterrupted()).hasSize(2);

        assertThat(jdbc.sql("select status from consortia where id = ?").params(consortium).query(String.class)
                .single()).isEqualTo("FAILED");
        assertThat(jdbc.sql("select status from consortia where id = ?").params(other).query(String.class)
                .single()).isEqualTo("RUNNING");
    }
}
