package io.consortia.platform.deploy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Nodes of every network, written by deployments; other features read them through {@link Nodes}. */
@Repository
class NodeRepository {
    private final JdbcClient jdbc;

    NodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String nodeId, long consortiumId, long organizationId, NodePlacement placement) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into nodes (node_id, consortium_id, organization_id, host, api_port, raft_port, metrics_port, "
                        + "directory, desired_state, status, restarts, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'STOPPED', 'CREATED', 0, ?)")
                .params(nodeId, consortiumId, organizationId, placement.host(), placement.apiPort(),
                        placement.raftPort(), placement.metricsPort(), placement.directory(),
                        System.currentTimeMillis())
                .update(keys, "id");
        taken(consortiumId, organizationId, index(nodeId));
        return keys.getKey().longValue();
    }

    /**
     * The index of an organisation's next node in a consortium: one no node of it ever had, the
     * deleted ones included (their ids stay taken: peers, directories, certificates and metrics
     * follow the id, so a reused one would meet stale state).
     */
    int nextIndex(long consortiumId, long organizationId) {
        int existing = ofOrganization(consortiumId, organizationId).stream().mapToInt(n -> index(n.nodeId()))
                .max().orElse(-1) + 1;
        return Math.max(existing, recordedNext(consortiumId, organizationId).orElse(0));
    }

    /** Records that {@code index} is taken: the next index is beyond it from now on. */
    private void taken(long consortiumId, long organizationId, int index) {
        if (index < 0) {
            return;
        }
        Optional<Integer> recorded = recordedNext(consortiumId, organizationId);
        if (recorded.isEmpty()) {
            jdbc.sql("insert into node_indexes (consortium_id, organization_id, next_index) values (?, ?, ?)")
                    .params(consortiumId, organizationId, index + 1).update();
        } else if (recorded.get() <= index) {
            jdbc.sql("update node_indexes set next_index = ? where consortium_id = ? and organization_id = ?")
                    .params(index + 1, consortiumId, organizationId).update();
        }
    }

    private Optional<Integer> recordedNext(long consortiumId, long organizationId) {
        return jdbc.sql("select next_index from node_indexes where consortium_id = ? and organization_id = ?")
                .params(consortiumId, organizationId).query(Integer.class).optional();
    }

    /** The index a node id ends with ({@code c1-org1-2} is 2), -1 when it ends with none. */
    static int index(String nodeId) {
        try {
            return Integer.parseInt(nodeId.substring(nodeId.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Optional<NodeRecord> byNodeId(String nodeId) {
        return jdbc.sql("select * from nodes where node_id = ?").param(nodeId).query(NodeRepository::map).optional();
    }

    public List<NodeRecord> ofConsortium(long consortiumId) {
        return jdbc.sql("select * from nodes where consortium_id = ? order by id").param(consortiumId)
                .query(NodeRepository::map).list();
    }

    public List<NodeRecord> ofOrganization(long consortiumId, long organizationId) {
        return jdbc.sql("select * from nodes where consortium_id = ? and organization_id = ? order by id")
                .params(consortiumId, organizationId).query(NodeRepository::map).list();
    }

    List<NodeRecord> all() {
        return jdbc.sql("select * from nodes order by id").query(NodeRepository::map).list();
    }

    NodeRecord get(long id) {
        return jdbc.sql("select * from nodes where id = ?").param(id).query(NodeRepository::map).single();
    }

    /**
     * Started by a deployment (a person's start or restart, a network start): a new run, so its
     * crash loop, if any, is over.
     *
     * @param pid the node's process, or null where the target runs it (a pod)
     */
    void startedByHand(long id, Long pid) {
        // the last error was about the run before; one kept would show "not restarting" next to RUNNING
        jdbc.sql("update nodes set desired_state = 'RUNNING', status = 'STARTING', pid = ?, crash_streak = 0, "
                + "last_error = null, last_error_at = null where id = ?").params(pid, id).update();
    }

    /**
     * Started by the supervisor (after a crash, at platform start): the crash loop goes on.
     *
     * @param pid the node's process, or null where the target runs it (a pod)
     */
    void started(long id, Long pid) {
        jdbc.sql("update nodes set desired_state = 'RUNNING', status = 'STARTING', pid = ? where id = ?")
                .params(pid, id).update();
    }

    void status(long id, NodeStatus status) {
        jdbc.sql("update nodes set status = ? where id = ?").params(status.name(), id).update();
    }

    void stopped(long id) {
        jdbc.sql("update nodes set desired_state = 'STOPPED', status = 'STOPPED', pid = null where id = ?")
                .param(id).update();
    }

    /** What a self-healing target reports: its status and its own restart count. */
    void observed(long id, NodeStatus status, int restarts) {
        jdbc.sql("update nodes set status = ?, restarts = ? where id = ?").params(status.name(), restarts, id).update();
    }

    /**
     * A crash at {@code at}: one more in the lifetime count, and in the crash loop unless the last
     * crash is {@code window} or more ago (then this one starts a new loop).
     */
    void crashed(long id, String error, java.time.Instant at, java.time.Duration window) {
        long now = at.toEpochMilli();
        jdbc.sql("update nodes set status = 'CRASHED', restarts = restarts + 1, crash_streak = case when "
                        + "last_crash_at is null or last_crash_at <= ? then 1 else crash_streak + 1 end, "
                        + "last_crash_at = ?, last_error = ?, last_error_at = ? where id = ?")
                .params(now - window.toMillis(), now, truncate(error), now, id).update();
    }

    /** Left FAILED: its process is gone (or was stopped), so it has no pid to report. */
    void failed(long id, String error) {
        jdbc.sql("update nodes set status = 'FAILED', pid = null, last_error = ?, last_error_at = ? where id = ?")
                .params(truncate(error), System.currentTimeMillis(), id).update();
    }

    void note(long id, String message) {
        jdbc.sql("update nodes set last_error = ?, last_error_at = ? where id = ?")
                .params(truncate(message), System.currentTimeMillis(), id).update();
    }

    /** A new text for the note, which keeps its time (the same trouble, in other words). */
    void renote(long id, String message) {
        jdbc.sql("update nodes set last_error = ? where id = ?").params(truncate(message), id).update();
    }

    /** The node has run healthy since its last error: the note is history, no longer its state. */
    void clearError(long id) {
        jdbc.sql("update nodes set last_error = null, last_error_at = null where id = ?").param(id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from nodes where id = ?").param(id).update();
    }

    static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static NodeRecord map(ResultSet rs, int row) throws SQLException {
        long pid = rs.getLong("pid");
        Long pidOrNull = rs.wasNull() ? null : pid;
        return new NodeRecord(rs.getLong("id"), rs.getString("node_id"), rs.getLong("consortium_id"),
                rs.getLong("organization_id"), rs.getString("host"), rs.getInt("api_port"), rs.getInt("raft_port"),
                rs.getInt("metrics_port"), rs.getString("directory"), rs.getString("desired_state"),
                NodeStatus.valueOf(rs.getString("status")), pidOrNull, rs.getInt("restarts"),
                rs.getString("last_error"), rs.getLong("created_at"), rs.getInt("crash_streak"),
                nullable(rs, rs.getLong("last_crash_at")), nullable(rs, rs.getLong("last_error_at")));
    }

    private static Long nullable(ResultSet rs, long value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
