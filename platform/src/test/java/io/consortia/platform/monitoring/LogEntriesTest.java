package io.consortia.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.system.TimeParameter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's log cut into dated entries, continuation lines kept with theirs. */
class LogEntriesTest {

    @Test
    void dated_lines_begin_entries_and_stack_traces_stay_with_them() {
        String log = """
                \tat io.consortia.Tail.ofAnEarlierEntry(Tail.java:1)
                2026-12-02 21:00:00.125 INFO  [main] i.c.node.Node - node c1-org1-1 of org1 started
                2026-12-02 21:00:05.000 ERROR [raft] i.c.node.Channel - apply failed
                java.lang.IllegalStateException: boom
                \tat io.consortia.X.y(X.java:3)
                2026-12-02 21:01:00.000 WARN  [grpc] i.c.node.Api - slow client
                """;
        List<LogEntries.Entry> entries = LogEntries.parse(log, ZoneOffset.UTC);

        assertThat(entries).hasSize(4);
        assertThat(entries.get(0).at()).isNull();
        assertThat(entries.get(1).at()).isEqualTo(Instant.parse("2026-12-02T21:00:00.125Z"));
        assertThat(entries.get(2).text()).startsWith("2026-12-02 21:00:05.000 ERROR").contains("boom")
                .endsWith("\tat io.consortia.X.y(X.java:3)");
        assertThat(entries.get(3).at()).isEqualTo(Instant.parse("2026-12-02T21:01:00Z"));
    }

    @Test
    void times_without_an_offset_are_in_the_nodes_zone_and_offsets_win() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(LogEntries.time("2026-12-02 21:00:00.000 INFO x", shanghai))
                .isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(LogEntries.time("2026-12-02T21:00:00.123456789Z INFO x", shanghai))
                .isEqualTo(Instant.parse("2026-12-02T21:00:00.123456789Z"));
        assertThat(LogEntries.time("2026-12-02T21:00:00+0100 x", shanghai))
                .isEqualTo(Instant.parse("2026-12-02T20:00:00Z"));
        assertThat(LogEntries.time("2026-12-02 21:00:00,5 x", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-12-02T21:00:00.500Z"));
        assertThat(LogEntries.time("21:00:00.000 INFO only a time", ZoneOffset.UTC)).isNull();
        assertThat(LogEntries.time("2026-13-40 25:00:00 not a date", ZoneOffset.UTC)).isNull();
        assertThat(LogEntries.parse("", ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void times_are_checked_by_the_controller_with_a_clear_error() {
        assertThat(TimeParameter.instant("from", "2026-12-02T21:00:00Z"))
                .isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
        assertThat(TimeParameter.instant("from", "2026-12-02T21:00")).isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
        assertThat(TimeParameter.instant("from", " ")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeParameter.instant("to", "yesterday"))
                .isInstanceOf(io.consortia.platform.system.PlatformException.class)
                .hasMessageContaining("to must be an ISO-8601 time");
    }
}
