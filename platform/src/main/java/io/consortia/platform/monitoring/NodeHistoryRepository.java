package io.consortia.platform.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.platform.deploy.NodeRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table node_metric_history (V21): a node's samples as rows, its per-channel counters as one
 * JSON column (a channel set differs per node and over time; the charts always read them all).
 */
@Repository
class NodeHistoryRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Channel>> CHANNELS = new TypeReference<>() {};
    private final JdbcTemplate jdbc;

    NodeHistoryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One channel's figures in a sample; short names, as a day of a node is 1440 of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Channel(Long h, Long tx, Long lc, Double ls, Long ln, Boolean hl, Long q) {}

    /** All of a round's rows in one batch (one round trip, not one per node). */
    void insert(List<NodeSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into node_metric_history (node_id, sampled_at, up, cpu_seconds, rss_bytes, "
                + "disk_used_bytes, disk_free_bytes, disk_total_bytes, channels) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                samples, samples.size(), (ps, s) -> {
                    ps.setLong(1, s.nodeRecordId());
                    ps.setLong(2, s.at().toEpochMilli());
                    ps.setBoolean(3, s.up());
                    ps.setObject(4, s.cpuSeconds(), Types.DOUBLE);
                    ps.setObject(5, s.rssBytes(), Types.BIGINT);
                    ps.setObject(6, s.diskUsedBytes(), Types.BIGINT);
                    ps.setObject(7, s.diskFreeBytes(), Types.BIGINT);
                    ps.setObject(8, s.diskTotalBytes(), Types.BIGINT);
                    ps.setString(9, channels(s));
                });
    }

    /** The node's rows with {@code since <= sampled_at < before}, oldest first. */
    List<NodeSample> read(NodeRecord node, Instant since, Instant before) {
        return jdbc.query("select * from node_metric_history where node_id = ? and sampled_at >= ? and sampled_at < ? "
                + "order by sampled_at", (rs, i) -> sample(node, rs), node.id(), since.toEpochMilli(),
                before.toEpochMilli());
    }

    /** Deletes the rows older than {@code before} and those of nodes that no longer exist; how many. */
    int prune(Instant before) {
        return jdbc.update("delete from node_metric_history where sampled_at < ?", before.toEpochMilli())
                + jdbc.update("delete from node_metric_history where node_id not in (select id from nodes)");
    }

    private static String channels(NodeSample s) {
        TreeSet<String> names = new TreeSet<>();
        List.of(s.heights(), s.committedTransactions(), s.leaderChanges(), s.commitLatencySeconds(),
                s.commitLatencyCount(), s.hasLeader(), s.queuedTransactions()).forEach(m -> names.addAll(m.keySet()));
        Map<String, Channel> channels = new TreeMap<>();
        for (String n : names) {
            channels.put(n, new Channel(s.heights().get(n), s.committedTransactions().get(n), s.leaderChanges().get(n),
                    s.commitLatencySeconds().get(n), s.commitLatencyCount().get(n), s.hasLeader().get(n),
                    s.queuedTransactions().get(n)));
        }
        try {
            return JSON.writeValueAsString(channels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NodeSample sample(NodeRecord node, ResultSet rs) throws SQLException {
        Map<String, Channel> channels;
        try {
            channels = JSON.readValue(rs.getString("channels"), CHANNELS);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable channels of node " + node.nodeId() + " in node_metric_history", e);
        }
        ChannelFigures figures = new ChannelFigures();
        channels.forEach((name, c) -> {
            put(figures.heights, name, c.h());
            put(figures.committed, name, c.tx());
            put(figures.leaderChanges, name, c.lc());
            put(figures.latencySum, name, c.ls());
            put(figures.latencyCount, name, c.ln());
            put(figures.hasLeader, name, c.hl());
            put(figures.queued, name, c.q());
        });
        return figures.sample(node, Instant.ofEpochMilli(rs.getLong("sampled_at")), rs.getBoolean("up"),
                rs.getObject("cpu_seconds", Double.class), rs.getObject("rss_bytes", Long.class),
                rs.getObject("disk_used_bytes", Long.class), rs.getObject("disk_free_bytes", Long.class),
                rs.getObject("disk_total_bytes", Long.class));
    }

    private static <V> void put(Map<String, V> map, String channel, V value) {
        if (value != null) {
            map.put(channel, value);
        }
    }
}
