package io.consortia.platform.deploy;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Records another feature's synchronous, multi-step operation on a channel (a contract's lifecycle step)
 * as a deployment with its steps, so every operation shows its progress in one place and one way. Unlike
 * {@link DeploymentService#operate} it runs on the caller's thread and does not take the consortium's
 * one-at-a-time lock: it sends transactions to a running network and changes no node.
 */
@Component
public class RecordedOperations {
    private final JdbcClient jdbc;
    private final DeploymentRepository deployments;

    RecordedOperations(JdbcClient jdbc, DeploymentRepository deployments) {
        this.jdbc = jdbc;
        this.deployments = deployments;
    }

    /** A recorded operation and what it acted on. */
    public record Recorded(Deployment deployment, String channel, String contract) {}

    /** Starts an operation (RUNNING) on {@code contract} of {@code channel}; returns its id. */
    public long start(long consortiumId, String action, String channel, String contract, String requestedBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into deployments (consortium_id, action, status, requested_by, started_at, channel, contract) "
                        + "values (?, ?, 'RUNNING', ?, ?, ?, ?)")
                .params(consortiumId, action, requestedBy, System.currentTimeMillis(), channel, contract)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The operation's steps: each is recorded before it runs and finished with its detail or its failure. */
    public DeploymentSteps steps(long id) {
        return new Progress(deployments, id);
    }

    public void succeeded(long id) {
        deployments.finish(id, "SUCCEEDED", null);
    }

    public void failed(long id, String reason) {
        deployments.finish(id, "FAILED", reason);
    }

    /** Forgets an operation that was refused before its first step: it did nothing to record. */
    public void discard(long id) {
        jdbc.sql("delete from deployment_steps where deployment_id = ?").param(id).update();
        jdbc.sql("delete from deployments where id = ?").param(id).update();
    }

    public Optional<Recorded> get(long id) {
        return jdbc.sql("select channel, contract from deployments where id = ? and contract is not null").param(id)
                .query((rs, row) -> new String[] {rs.getString("channel"), rs.getString("contract")}).optional()
                .flatMap(subject -> deployments.byId(id).map(d -> new Recorded(d, subject[0], subject[1])));
    }

    /** The operations on one contract of a channel, newest first. */
    public List<Recorded> ofContract(long consortiumId, String channel, String contract) {
        return jdbc.sql("select id from deployments where consortium_id = ? and channel = ? and contract = ? "
                        + "order by id desc")
                .params(consortiumId, channel, contract).query(Long.class).list().stream()
                .flatMap(id -> deployments.byId(id).stream().map(d -> new Recorded(d, channel, contract)))
                .toList();
    }
}
