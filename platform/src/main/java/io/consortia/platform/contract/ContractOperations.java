package io.consortia.platform.contract;

import io.consortia.platform.system.PlatformException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Records lifecycle operations and their steps as they run (each step's row is written before its
 * transaction is sent), so a long operation shows its progress and a failed one says at which step.
 */
@Component
class ContractOperations {
    private final JdbcClient jdbc;

    ContractOperations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One running operation. */
    final class Running {
        private final long id;
        final Map<String, Object> result = new LinkedHashMap<>();

        private Running(long id) {
            this.id = id;
        }

        /** Runs a step; a failing step is recorded with its reason and rethrown. */
        <T> T step(String name, Supplier<T> work) {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into contract_operation_steps (operation_id, name, status, started_at) "
                    + "values (?, ?, 'RUNNING', ?)").params(id, truncate(name, 300), now()).update(keys, "id");
            long step = keys.getKey().longValue();
            try {
                T value = work.get();
                finishStep(step, "DONE", value == null ? null : String.valueOf(value));
                return value;
            } catch (RuntimeException e) {
                finishStep(step, "FAILED", e.getMessage());
                throw e;
            }
        }

        private void finishStep(long step, String status, String detail) {
            jdbc.sql("update contract_operation_steps set status = ?, detail = ?, finished_at = ? where id = ?")
                    .params(status, truncate(detail, 2000), now(), step).update();
        }
    }

    /**
     * Runs an operation to its end and returns it with its steps; a failure is recorded on the
     * operation and rethrown as a problem naming the operation, so its steps can be looked up.
     */
    ContractOperation run(long consortiumId, String channel, String contract, String action, String requestedBy,
            java.util.function.Consumer<Running> work) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contract_operations (consortium_id, channel, contract, action, status, requested_by, "
                        + "started_at) values (?, ?, ?, ?, 'RUNNING', ?, ?)")
                .params(consortiumId, channel, contract, action, requestedBy, now()).update(keys, "id");
        Running running = new Running(keys.getKey().longValue());
        try {
            work.accept(running);
        } catch (PlatformException e) {
            finish(running.id, "FAILED", e.getMessage());
            throw new PlatformException(e.status(), e.type(), "Operation " + running.id + " (" + action + " "
                    + contract + ") failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            finish(running.id, "FAILED", e.getMessage());
            throw e;
        }
        finish(running.id, "DONE", null);
        return get(running.id).map(o -> withResult(o, running.result)).orElseThrow();
    }

    java.util.Optional<ContractOperation> get(long id) {
        return jdbc.sql("select * from contract_operations where id = ?").param(id).query(this::map).optional();
    }

    List<ContractOperation> ofContract(long consortiumId, String channel, String contract) {
        return jdbc.sql("select * from contract_operations where consortium_id = ? and channel = ? and contract = ? "
                + "order by id desc").params(consortiumId, channel, contract).query(this::map).list();
    }

    private void finish(long id, String status, String reason) {
        jdbc.sql("update contract_operations set status = ?, reason = ?, finished_at = ? where id = ?")
                .params(status, truncate(reason, 2000), now(), id).update();
    }

    private ContractOperation map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<ContractOperation.Step> steps = jdbc.sql("select * from contract_operation_steps where operation_id = ? "
                + "order by id").param(id).query((s, r) -> new ContractOperation.Step(s.getString("name"),
                s.getString("status"), s.getString("detail"), s.getLong("started_at"),
                s.getObject("finished_at", Long.class))).list();
        return new ContractOperation(id, rs.getLong("consortium_id"), rs.getString("channel"), rs.getString("contract"),
                rs.getString("action"), rs.getString("status"), rs.getString("reason"), rs.getString("requested_by"),
                rs.getLong("started_at"), rs.getObject("finished_at", Long.class), steps, Map.of());
    }

    private static ContractOperation withResult(ContractOperation o, Map<String, Object> result) {
        return new ContractOperation(o.id(), o.consortiumId(), o.channel(), o.contract(), o.action(), o.status(),
                o.reason(), o.requestedBy(), o.startedAt(), o.finishedAt(), o.steps(), Map.copyOf(result));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
