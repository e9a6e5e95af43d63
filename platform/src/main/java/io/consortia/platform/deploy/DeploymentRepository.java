package io.consortia.platform.deploy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentRepository {
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

    int failInterrupted() {
        return jdbc.sql("update deployments set status = 'FAILED', reason = 'Interrupted by a platform restart', "
                + "finished_at = ? where status = 'RUNNING'").param(System.currentTimeMillis()).update();
    }

    long startStep(long deploymentId, String nodeId, String name) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into deployment_steps (deployment_id, node_id, name, status, started_at) "
                        + "values (?, ?, ?, 'RUNNING', ?)")
                .params(deploymentId, nodeId, name, System.currentTimeMillis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void finishStep(long stepId, String status, String detail) {
        jdbc.sql("update deployment_steps set status = ?, detail = ?, finished_at = ? where id = ?")
                .params(status, NodeRepository.truncate(detail), System.currentTimeMillis(), stepId).update();
    }

    Optional<Deployment> byId(long id) {
        return jdbc.sql("select * from deployments where id = ?").param(id).query(this::map).optional();
    }

    List<Deployment> ofConsortium(long consortiumId) {
        return jdbc.sql("select * from deployments where consortium_id = ? order by id desc").param(consortiumId)
                .query(this::map).list();
    }

    private Deployment map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        long finished = rs.getLong("finished_at");
        Long finishedAt = rs.wasNull() ? null : finished;
        return new Deployment(id, rs.getLong("consortium_id"), rs.getString("action"), rs.getString("status"),
                rs.getString("reason"), rs.getString("requested_by"), rs.getLong("started_at"), finishedAt, steps(id));
    }

    private List<Deployment.Step> steps(long deploymentId) {
        return jdbc.sql("select * from deployment_steps where deployment_id = ? order by id").param(deploymentId)
                .query((rs, i) -> {
                    long finished = rs.getLong("finished_at");
                    Long finishedAt = rs.wasNull() ? null : finished;
                    return new Deployment.Step(rs.getString("name"), rs.getString("node_id"), rs.getString("status"),
                            rs.getString("detail"), rs.getLong("started_at"), finishedAt);
                }).list();
    }

    /** The consortium's deployments and their steps (the consortium is being deleted). */
    void deleteOfConsortium(long consortiumId) {
        jdbc.sql("delete from deployment_steps where deployment_id in (select id from deployments where consortium_id = ?)")
                .param(consortiumId).update();
        jdbc.sql("delete from deployments where consortium_id = ?").param(consortiumId).update();
    }
}
