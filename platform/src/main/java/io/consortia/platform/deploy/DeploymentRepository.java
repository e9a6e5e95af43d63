package io.consortia.platform.deploy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentRepository {
    static final String INTERRUPTED = DeploymentTexts.INTERRUPTED.of();
    static final String ADD_NODE_INTERRUPTED = DeploymentTexts.ADD_NODE_INTERRUPTED.of();
    static final String DEPLOY_INTERRUPTED = DeploymentTexts.DEPLOY_INTERRUPTED.of();

    private final JdbcClient jdbc;

    DeploymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long consortiumId, String action, String requestedBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into deployments (consortium_id, action, status, requested_by, started_at) "
                        + "values (?, ?, 'RUNNING', ?, ?)")
                .params(consortiumId, action, requestedBy, System.currentTimeMillis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void finish(long id, String status, String reason) {
        jdbc.sql("update deployments set status = ?, reason = ?, finished_at = ? where id = ?")
                .params(status, NodeRepository.truncate(reason), System.currentTimeMillis(), id).update();
    }

    /**
     * Ends what a platform restart interrupted: the deployments still RUNNING, and their steps that
     * were running, which would otherwise read as in progress for good.
     *
     * @return the deployments it failed, oldest first
     */
    List<Interrupted> failInterrupted() {
        long now = System.currentTimeMillis();
        List<Interrupted> interrupted = jdbc.sql("select id, consortium_id, action, requested_by from deployments "
                        + "where status = 'RUNNING' order by id")
                .query((rs, n) -> new Interrupted(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("action"),
                        rs.getString("requested_by")))
                .list();
        // a node whose addition was cut short may have joined some of its channels and not others (a learner in a
        // configuration, serving nothing) while it runs and looks healthy: it says so, and what to do
        jdbc.sql("update nodes set last_error = ?, last_error_at = ? where node_id in (select s.node_id from "
                        + "deployment_steps s join deployments d on d.id = s.deployment_id where d.status = 'RUNNING' "
                        + "and d.action = 'ADD_NODE' and s.node_id is not null)")
                .params(ADD_NODE_INTERRUPTED, now).update();
        jdbc.sql("update deployment_steps set status = 'FAILED', detail = ?, finished_at = ? where status = 'RUNNING'"
                        + " and deployment_id in (select id from deployments where status = 'RUNNING')")
                .params(INTERRUPTED, now).update();
        // a network whose deployment was interrupted is FAILED, as after a deployment that failed while the
        // platform ran: it can be deployed again (DEPLOYING refused that for good, and Start made it RUNNING
        // without its first channel)
        jdbc.sql("update consortia set status = 'FAILED' where status = 'DEPLOYING' and id in (select consortium_id"
                        + " from deployments where status = 'RUNNING' and action = 'DEPLOY')")
                .update();
        // a network's deployment says what to do: the platform's part stopped, the cluster's may have gone on
        jdbc.sql("update deployments set status = 'FAILED', reason = case when action = 'DEPLOY' then ? else ?"
                        + " end, finished_at = ? where status = 'RUNNING'")
                .params(DEPLOY_INTERRUPTED, INTERRUPTED, now).update();
        return interrupted;
    }

    /** A deployment a platform restart interrupted, which {@link #failInterrupted} failed. */
    record Interrupted(long id, long consortiumId, String action, String requestedBy) {}

    long startStep(long deploymentId, String nodeId, String name) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into deployment_steps (deployment_id, node_id, name, status, started_at) "
                        + "values (?, ?, ?, 'RUNNING', ?)")
                .params(deploymentId, nodeId, name, System.currentTimeMillis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A RUNNING step that says how far it got: its name and detail now. */
    void updateStep(long stepId, String name, String detail) {
        jdbc.sql("update deployment_steps set name = ?, detail = ? where id = ? and status = 'RUNNING'")
                .params(name, NodeRepository.truncate(detail), stepId).update();
    }

    void finishStep(long stepId, String status, String detail) {
        jdbc.sql("update deployment_steps set status = ?, detail = ?, finished_at = ? where id = ?")
                .params(status, NodeRepository.truncate(detail), System.currentTimeMillis(), stepId).update();
    }

    Optional<Deployment> byId(long id) {
        List<Deployment> rows = jdbc.sql("select * from deployments where id = ?").param(id)
                .query(DeploymentRepository::row).list();
        return withSteps(rows, "deployment_id = ?", id).stream().findFirst();
    }

    List<Deployment> ofConsortium(long consortiumId) {
        List<Deployment> rows = jdbc.sql("select * from deployments where consortium_id = ? order by id desc")
                .param(consortiumId).query(DeploymentRepository::row).list();
        return withSteps(rows, "deployment_id in (select id from deployments where consortium_id = ?)", consortiumId);
    }

    /**
     * Adds the steps once the deployments' rows are read. Querying them from the row mapper asked the
     * pool for a second connection while the first one still held the open result set: outside a
     * transaction, as many concurrent reads as the pool has connections waited for each other until
     * the pool timed out. {@code stepsOf} selects by the deployments' fixed columns, so a deployment
     * read in the first query has all its steps matched here.
     */
    private List<Deployment> withSteps(List<Deployment> deployments, String stepsOf, Object param) {
        if (deployments.isEmpty()) {
            return deployments;
        }
        Map<Long, List<Deployment.Step>> steps = jdbc.sql("select * from deployment_steps where " + stepsOf
                        + " order by id").param(param)
                .query((rs, i) -> Map.entry(rs.getLong("deployment_id"), step(rs))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return deployments.stream().map(d -> new Deployment(d.id(), d.consortiumId(), d.action(), d.status(),
                        d.reason(), d.requestedBy(), d.startedAt(), d.finishedAt(),
                        steps.getOrDefault(d.id(), new ArrayList<>())))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The deployment's row; its steps are added by {@link #withSteps}. */
    private static Deployment row(ResultSet rs, int row) throws SQLException {
        return new Deployment(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("action"),
                rs.getString("status"), rs.getString("reason"), rs.getString("requested_by"),
                rs.getLong("started_at"), nullableLong(rs, "finished_at"), List.of());
    }

    private static Deployment.Step step(ResultSet rs) throws SQLException {
        return new Deployment.Step(rs.getString("name"), rs.getString("node_id"), rs.getString("status"),
                rs.getString("detail"), rs.getLong("started_at"), nullableLong(rs, "finished_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The consortium's deployments and their steps (the consortium is being deleted). */
    void deleteOfConsortium(long consortiumId) {
        jdbc.sql("delete from deployment_steps where deployment_id in (select id from deployments where consortium_id = ?)")
                .param(consortiumId).update();
        jdbc.sql("delete from deployments where consortium_id = ?").param(consortiumId).update();
    }
}
