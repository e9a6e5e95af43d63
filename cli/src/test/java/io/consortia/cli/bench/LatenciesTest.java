package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentiles_are_within_a_tenth_of_a_percent_and_max_and_mean_are_exact() {
        Latencies h = new Latencies();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v, 1);
        }

        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.maxMicros()).isEqualTo(100_000);
        assertThat((double) h.percentileMicros(0.50)).isCloseTo(50_000, within(50_000 * 0.001));
        assertThat((double) h.percentileMicros(0.99)).isCloseTo(99_000, within(99_000 * 0.001));
        assertThat(h.percentileMicros(1.0)).isEqualTo(100_000);
        assertThat(h.meanMicros()).isCloseTo(50_000.5, within(50.0));
    }

    @Test
    void one_call_of_many_transactions_counts_each_and_an_empty_record_nothing() {
        Latencies h = new Latencies();
        h.record(2_000, 100);
        h.record(9_000, 0);

        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentileMicros(0.99)).isCloseTo(2_000, within(2L));
        assertThat(h.maxMicros()).isCloseTo(2_000, within(2L));
    }

    @Test
    void an_empty_histogram_reads_zero_and_out_of_range_values_are_clamped() {
        Latencies h = new Latencies();
        assertThat(h.percentileMicros(0.5)).isZero();
        assertThat(h.maxMicros()).isZero();
        assertThat(h.meanMicros()).isZero();

        h.record(-5, 1);
        h.record(Long.MAX_VALUE, 1);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentileMicros(0.0)).isZero();
    }
}
