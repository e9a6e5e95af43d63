package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rates from consecutive samples: tx/s, block time, commit latency, leader changes, CPU. */
class SeriesTest {
    private static final Instant T0 = Instant.parse("2026-12-02T22:00:00Z");

    private static NodeSample up(String node, int second, long height, long committed, long leaderChanges,
            double cpu, double latencySum, long latencyCount) {
        return new NodeSample(1, node, 1, T0.plusSeconds(second), true, Map.of("main", height),
                Map.of("main", committed), Map.of("main", leaderChanges), cpu, 100L * second, 1000L + second, 5000L,
                Map.of("main", latencySum), Map.of("main", latencyCount));
    }

    private static NodeSample down(String node, int second) {
        return NodeSample.down(1, node, 1, T0.plusSeconds(second));
    }

    @Test
    void rates_come_from_two_consecutive_samples() {
        Series s = Series.ofNode(List.of(
                up("n1", 0, 10, 100, 1, 5.0, 2.0, 10),
                up("n1", 10, 15, 300, 1, 7.5, 4.0, 30),
                up("n1", 20, 15, 300, 2, 8.0, 4.0, 30)));

        assertThat(s.times()).containsExactly(T0.toEpochMilli(), T0.plusSeconds(10).toEpochMilli(),
                T0.plusSeconds(20).toEpochMilli());
        assertThat(s.up()).containsExactly(1, 1, 1);
        assertThat(values(s, Series.HEIGHT, "main")).containsExactly(10.0, 15.0, 15.0);
        assertThat(values(s, Series.TX_PER_SECOND, "main")).containsExactly(null, 20.0, 0.0);
        // 5 blocks in 10 s: 2 s a block; no block: no block time (not infinity)
        assertThat(values(s, Series.BLOCK_SECONDS, "main")).containsExactly(null, 2.0, null);
        // 20 commits took 2 s together: 0.1 s each
        assertThat(s.value(Series.COMMIT_LATENCY, "main", 1)).isCloseTo(0.1, within(1e-9));
        assertThat(values(s, Series.LEADER_CHANGES, "main")).containsExactly(null, 0.0, 1.0);
        assertThat(values(s, Series.CPU, "n1")).containsExactly(null, 0.25, 0.05);
        assertThat(values(s, Series.MEMORY, "n1")).containsExactly(0.0, 1000.0, 2000.0);
        assertThat(values(s, Series.DISK_USED, "n1")).containsExactly(1000.0, 1010.0, 1020.0);
        assertThat(s.last(Series.TX_PER_SECOND, "main")).isEqualTo(0.0);
    }

    @Test
    void a_down_node_leaves_gaps_and_a_restart_resets_its_counters() {
        Series s = Series.ofNode(List.of(
                up("n1", 0, 10, 100, 3, 50.0, 2.0, 10),
                down("n1", 10),
                up("n1", 20, 12, 20, 0, 2.0, 0.5, 5),   // restarted: counters start from zero again
                up("n1", 30, 14, 60, 1, 3.0, 1.5, 15)));

        assertThat(s.up()).containsExactly(1, 0, 1, 1);
        assertThat(values(s, Series.HEIGHT, "main")).containsExactly(10.0, null, 12.0, 14.0);
        // no rate across the gap: the sample before was down
        assertThat(values(s, Series.TX_PER_SECOND, "main")).containsExactly(null, null, null, 4.0);
        assertThat(values(s, Series.CPU, "n1")).containsExactly(null, null, null, 0.1);

        Series reset = Series.ofNode(List.of(up("n1", 0, 10, 100, 3, 50.0, 2.0, 10),
                up("n1", 10, 11, 20, 0, 1.0, 0.5, 5)));
        assertThat(values(reset, Series.TX_PER_SECOND, "main")).containsExactly(null, 2.0);
        assertThat(values(reset, Series.CPU, "n1")).containsExactly(null, 0.1);
        assertThat(reset.value(Series.COMMIT_LATENCY, "main", 1)).isCloseTo(0.1, within(1e-9));
        assertThat(Series.delta(5, 9)).isEqualTo(5);
        assertThat(Series.delta(9, 5)).isEqualTo(4);
    }

    @Test
    void a_counter_the_node_did_not_export_yet_counts_from_zero() {
        NodeSample quiet = new NodeSample(1, "n1", 1, T0, true, Map.of("main", 1L), Map.of(), Map.of(), 1.0, null,
                null, null);
        Series s = Series.ofNode(List.of(quiet, up("n1", 2, 7, 6, 0, 1.5, 0.6, 6)));
        assertThat(values(s, Series.TX_PER_SECOND, "main")).containsExactly(null, 3.0);
        assertThat(values(s, Series.BLOCK_SECONDS, "main")).containsExactly(null, 2.0 / 6);
        assertThat(s.value(Series.COMMIT_LATENCY, "main", 1)).isCloseTo(0.1, within(1e-9));
        // but not across a node that did not answer
        Series gap = Series.ofNode(List.of(down("n1", 0), up("n1", 2, 7, 6, 0, 1.5, 0.6, 6)));
        assertThat(values(gap, Series.TX_PER_SECOND, "main")).containsExactly(null, null);
    }

    @Test
    void samples_further_apart_than_the_gap_get_a_point_without_values_between_them() {
        Series s = Series.ofNode(List.of(
                up("n1", 0, 10, 100, 1, 1.0, 0, 0),
                up("n1", 10, 11, 110, 1, 2.0, 0, 0),
                up("n1", 200, 50, 500, 1, 9.0, 0, 0),   // the platform scraped nothing for three minutes
                up("n1", 210, 51, 520, 1, 10.0, 0, 0)), Duration.ofSeconds(20));

        assertThat(s.times()).containsExactly(T0.toEpochMilli(), T0.plusSeconds(10).toEpochMilli(),
                T0.plusSeconds(105).toEpochMilli(), T0.plusSeconds(200).toEpochMilli(),
                T0.plusSeconds(210).toEpochMilli());
        assertThat(s.up()).containsExactly(1, 1, 0, 1, 1);
        assertThat(values(s, Series.HEIGHT, "main")).containsExactly(10.0, 11.0, null, 50.0, 51.0);
        assertThat(values(s, Series.MEMORY, "n1")).containsExactly(0.0, 1000.0, null, 20000.0, 21000.0);
        // no rate over the gap: it would smear three minutes into one point
        assertThat(values(s, Series.TX_PER_SECOND, "main")).containsExactly(null, 1.0, null, null, 2.0);
        assertThat(values(s, Series.CPU, "n1")).containsExactly(null, 0.1, null, null, 0.1);

        // exactly the gap apart: one line
        Series close = Series.ofNode(List.of(up("n1", 0, 10, 100, 1, 1.0, 0, 0), up("n1", 20, 11, 110, 1, 2.0, 0, 0)),
                Duration.ofSeconds(20));
        assertThat(values(close, Series.HEIGHT, "main")).containsExactly(10.0, 11.0);

        // a channel's points are cut to the scrape interval: the gap stays a point of its own
        Series channel = Series.ofChannel("main", Map.of("n1", s), Duration.ofSeconds(10));
        assertThat(values(channel, Series.HEIGHT, "n1")).containsExactly(10.0, 11.0, null, 50.0, 51.0);
        assertThat(values(channel, Series.TX_PER_SECOND, "main")).containsExactly(null, 1.0, null, null, 2.0);
    }

    @Test
    void a_channel_draws_each_nodes_height_and_the_highest_throughput() {
        Map<String, Series> nodes = new LinkedHashMap<>();
        nodes.put("n1", Series.ofNode(List.of(up("n1", 0, 10, 100, 1, 1, 0, 0), up("n1", 10, 20, 200, 1, 2, 0, 0))));
        // n2 scraped a moment later in the same rounds, and lagging
        nodes.put("n2", Series.ofNode(List.of(up("n2", 1, 8, 80, 1, 1, 0, 0), up("n2", 11, 12, 120, 2, 2, 0, 0))));
        Series channel = Series.ofChannel("main", nodes, Duration.ofSeconds(10));

        assertThat(channel.times()).hasSize(2);
        assertThat(channel.up()).containsExactly(2, 2);
        assertThat(values(channel, Series.HEIGHT, "n1")).containsExactly(10.0, 20.0);
        assertThat(values(channel, Series.HEIGHT, "n2")).containsExactly(8.0, 12.0);
        assertThat(values(channel, Series.TX_PER_SECOND, "main")).containsExactly(null, 10.0);
        assertThat(values(channel, Series.LEADER_CHANGES, "main")).containsExactly(null, 1.0);
        assertThat(values(channel, Series.BLOCK_SECONDS, "main")).containsExactly(null, (1.0 + 2.5) / 2);
    }

    @Test
    void the_history_keeps_the_newest_samples_and_answers_by_time() {
        SampleHistory history = new SampleHistory(3);
        for (int i = 0; i < 5; i++) {
            history.add(up("n1", i * 10, i, i, 0, i, 0, 0));
        }
        assertThat(history.history(1, Instant.EPOCH)).extracting(NodeSample::heights)
                .containsExactly(Map.of("main", 2L), Map.of("main", 3L), Map.of("main", 4L));
        assertThat(history.history(1, T0.plusSeconds(35))).hasSize(1);
        assertThat(history.latest(1)).map(NodeSample::heights).contains(Map.of("main", 4L));
        assertThat(history.latest(2)).isEmpty();
        history.retain(List.of(2L));
        assertThat(history.latest(1)).isEmpty();
        assertThat(new MonitoringProperties(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofHours(1), true,
                new MonitoringProperties.Logs(1, 1),
                new MonitoringProperties.Persisted(Duration.ofHours(24), Duration.ofMinutes(1))).capacity())
                .isEqualTo(361);
    }

    private static List<Double> values(Series s, String metric, String line) {
        List<Double> values = s.metrics().get(metric).get(line);
        return values == null ? null : Arrays.asList(values.toArray(new Double[0]));
    }
}
