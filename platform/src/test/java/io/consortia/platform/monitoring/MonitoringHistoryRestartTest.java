package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.Nodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Monitoring tab's charts after a platform restart (an upgrade), on the platform's real schema
 * (H2, migrated by Flyway). The scraped history lived in memory only, so the charts started empty
 * and the last hours were gone; one sample per node per minute is now kept in the database, read
 * back by the platform that starts next, and deleted after the persisted retention.
 */
class MonitoringHistoryRestartTest {
    private static final Instant T0 = Instant.parse("2026-12-06T05:00:00Z");
    private static final MonitoringProperties PROPERTIES = properties(Duration.ofHours(24));

    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final Nodes nodes = mock(Nodes.class);
    private HikariDataSource pool;
    private JdbcClient jdbc;
    private NodeRecord node;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        jdbc = JdbcClient.create(pool);
        long organization = OneConnectionDatabase.organization(jdbc, "org1");
        long consortium = OneConnectionDatabase.consortium(jdbc, organization);
        jdbc.sql("insert into nodes (node_id, consortium_id, organization_id, host, api_port, raft_port, metrics_port, "
                + "directory, desired_state, status, restarts, created_at) values ('c-org1-0', ?, ?, '127.0.0.1', 1, 2, "
                + "3, '/tmp/n', 'RUNNING', 'RUNNING', 0, 0)").params(consortium, organization).update();
        long id = jdbc.sql("select id from nodes where node_id = 'c-org1-0'").query(Long.class).single();
        node = new NodeRecord(id, "c-org1-0", consortium, organization, "127.0.0.1", 1, 2, 3, "/tmp/n", "RUNNING",
                NodeStatus.RUNNING, null, 0, null, 0);
        when(nodes.ofConsortium(consortium)).thenReturn(List.of(node));
        when(nodes.byNodeId("c-org1-0")).thenReturn(Optional.of(node));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void the_charts_continue_after_a_platform_restart_from_one_stored_sample_per_minute() {
        SampleHistory memory = new SampleHistory(PROPERTIES);
        StoredHistory stored = stored(PROPERTIES);
        for (int i = 0; i < 180; i++) { // 30 minutes of scrapes, every 10 s, one round each
            NodeSample sample = sample(T0.plusSeconds(10L * i), i);
            memory.add(sample);
            stored.record(List.of(sample), sample.at());
        }
        assertThat(jdbc.sql("select sampled_at from node_metric_history order by sampled_at").query(Long.class).list())
                .hasSize(30).allMatch(at -> at % 60_000 == 0);

        // the platform restarts two minutes later: a new memory, the same database
        Instant restarted = T0.plus(Duration.ofMinutes(32));
        MonitoringService afterRestart = new MonitoringService(consortia, nodes, new SampleHistory(PROPERTIES),
                stored(PROPERTIES), PROPERTIES, Clock.fixed(restarted, ZoneOffset.UTC));

        Series hour = afterRestart.node(null, node.consortiumId(), "c-org1-0", 60).series();
        assertThat(hour.times()).hasSize(30).startsWith(T0.toEpochMilli())
                .endsWith(T0.plus(Duration.ofMinutes(29)).toEpochMilli());
        assertThat(hour.last(Series.HEIGHT, "main")).isEqualTo(174.0);
        assertThat(hour.last(Series.TX_PER_SECOND, "main")).isEqualTo(0.5);
        assertThat(hour.last(Series.MEMORY, "c-org1-0")).isEqualTo(1000.0 + 174);
        assertThat(afterRestart.channel(null, node.consortiumId(), "main", 60).series().times()).hasSize(30);
        // the day kept in the database is a window the charts offer, beyond the memory's hour
        assertThat(afterRestart.node(null, node.consortiumId(), "c-org1-0", 1440).series().times()).hasSize(30);
        assertThat(afterRestart.overview(null, node.consortiumId()).retentionMinutes()).isEqualTo(1440);
    }

    /** The line went straight across the ten minutes the platform was down, as if it had scraped them. */
    @Test
    void the_charts_break_their_lines_where_the_platform_was_down() {
        StoredHistory stored = stored(PROPERTIES);
        for (int i = 0; i < 180; i++) { // 30 minutes, until the platform stops
            NodeSample sample = sample(T0.plusSeconds(10L * i), i);
            stored.record(List.of(sample), sample.at());
        }
        // started again ten minutes later: scrapes from then on, in memory and stored
        SampleHistory memory = new SampleHistory(PROPERTIES);
        StoredHistory storedAgain = stored(PROPERTIES);
        Instant restarted = T0.plus(Duration.ofMinutes(40));
        for (int i = 0; i < 30; i++) {
            NodeSample sample = sample(restarted.plusSeconds(10L * i), 200 + i);
            memory.add(sample);
            storedAgain.record(List.of(sample), sample.at());
        }
        MonitoringService afterRestart = new MonitoringService(consortia, nodes, memory, storedAgain, PROPERTIES,
                Clock.fixed(restarted.plusSeconds(300), ZoneOffset.UTC));

        Series hour = afterRestart.node(null, node.consortiumId(), "c-org1-0", 60).series();
        // 30 stored samples a minute apart, the gap, 30 scrapes 10 s apart
        assertThat(hour.times()).hasSize(61);
        int gap = 30;
        assertThat(hour.times().get(gap)).isBetween(T0.plus(Duration.ofMinutes(29)).toEpochMilli(),
                restarted.toEpochMilli());
        assertThat(hour.up().get(gap)).isZero();
        assertThat(hour.value(Series.HEIGHT, "main", gap - 1)).isEqualTo(174.0);
        assertThat(hour.value(Series.HEIGHT, "main", gap)).isNull();
        assertThat(hour.value(Series.MEMORY, "c-org1-0", gap)).isNull();
        assertThat(hour.value(Series.HEIGHT, "main", gap + 1)).isEqualTo(200.0);
        // no rate across the gap either: the first after it has no earlier sample
        assertThat(hour.value(Series.TX_PER_SECOND, "main", gap + 1)).isNull();
        assertThat(hour.value(Series.TX_PER_SECOND, "main", gap + 2)).isEqualTo(0.5);

        Series channel = afterRestart.channel(null, node.consortiumId(), "main", 60).series();
        assertThat(channel.times()).hasSize(61);
        assertThat(channel.value(Series.HEIGHT, "c-org1-0", gap)).isNull();
        assertThat(channel.value(Series.TX_PER_SECOND, "main", gap)).isNull();
        assertThat(channel.up().get(gap)).isZero();
    }

    @Test
    void samples_older_than_the_persisted_retention_and_of_deleted_nodes_are_deleted() {
        MonitoringProperties twoHours = properties(Duration.ofHours(2));
        StoredHistory stored = stored(twoHours);
        stored.record(List.of(sample(T0, 1), sample(node.id() + 1, T0, 1)), T0);
        stored.record(List.of(sample(T0.plus(Duration.ofMinutes(90)), 2)), T0.plus(Duration.ofMinutes(90)));
        assertThat(rows()).isEqualTo(2); // the deleted node's row went at the first prune

        stored.record(List.of(sample(T0.plus(Duration.ofMinutes(121)), 3)), T0.plus(Duration.ofMinutes(121)));
        assertThat(jdbc.sql("select sampled_at from node_metric_history order by sampled_at").query(Long.class).list())
                .containsExactly(T0.plus(Duration.ofMinutes(90)).toEpochMilli(),
                        T0.plus(Duration.ofMinutes(121)).toEpochMilli());

        StoredHistory none = stored(properties(Duration.ZERO));
        none.record(List.of(sample(T0.plus(Duration.ofMinutes(122)), 4)), T0.plus(Duration.ofMinutes(122)));
        assertThat(rows()).isEqualTo(2);
    }

    private long rows() {
        return jdbc.sql("select count(*) from node_metric_history").query(Long.class).single();
    }

    private StoredHistory stored(MonitoringProperties properties) {
        return new StoredHistory(new NodeHistoryRepository(new JdbcTemplate(pool)), properties);
    }

    private NodeSample sample(Instant at, long i) {
        return sample(node.id(), at, i);
    }

    private NodeSample sample(long nodeRecordId, Instant at, long i) {
        return new NodeSample(nodeRecordId, "c-org1-0", node.consortiumId(), at, true, Map.of("main", i),
                Map.of("main", 5 * i), Map.of("main", 1L), 0.1 * i, 1000 + i, 10L, 20L, Map.of("main", 0.2 * i),
                Map.of("main", i), Map.of("main", true), Map.of("main", 0L), 30L);
    }

    private static MonitoringProperties properties(Duration persisted) {
        return new MonitoringProperties(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofHours(1), true,
                new MonitoringProperties.Logs(1, 1), new MonitoringProperties.Persisted(persisted, Duration.ofMinutes(1)));
    }
}
