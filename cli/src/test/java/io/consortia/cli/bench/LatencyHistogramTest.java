package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreWithinOneBucketOfTheExactValues() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v, 1);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.maxMicros()).isEqualTo(100_000);
        assertThat((double) h.percentileMicros(0.50)).isCloseTo(50_000, within(50_000 * 0.008));
        assertThat((double) h.percentileMicros(0.99)).isCloseTo(99_000, within(99_000 * 0.008));
        assertThat(h.percentileMicros(1.0)).isEqualTo(100_000);
        assertThat(h.meanMicros()).isCloseTo(50_000.5, within(0.01));
    }

    @Test
    void bucketsCoverEveryValueInOrder() {
        long previousUpper = -1;
        for (int i = 0; i < 2000; i++) {
            long upper = LatencyHistogram.upperBound(i);
            assertThat(upper).isGreaterThan(previousUpper);
            assertThat(LatencyHistogram.index(upper)).isEqualTo(i);
            assertThat(LatencyHistogram.index(previousUpper + 1)).isEqualTo(i);
            previousUpper = upper;
        }
    }

    @Test
    void durationsParseInTheUsualUnits() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void metricsTextGivesBlockSizes() {
        String before = """
                consortia_block_transactions_bucket{channel="main",le="1.0"} 1
                consortia_block_transactions_bucket{channel="main",le="100.0"} 1
                consortia_block_transactions_bucket{channel="main",le="+Inf"} 1
                consortia_block_transactions_count{channel="main"} 1
                consortia_block_transactions_sum{channel="main"} 0.0
                """;
        String after = """
                # HELP consortia_block_transactions Transactions per block
                consortia_block_transactions_bucket{channel="main",le="1.0"} 1
                consortia_block_transactions_bucket{channel="main",le="100.0"} 3
                consortia_block_transactions_bucket{channel="main",le="250.0"} 5
                consortia_block_transactions_bucket{channel="main",le="+Inf"} 5
                consortia_block_transactions_count{channel="main"} 5
                consortia_block_transactions_sum{channel="main"} 600.0
                consortia_block_transactions_count{channel="other"} 99
                """;
        MetricsScrape.BlockSizes sizes = MetricsScrape.parse(after, "main").since(MetricsScrape.parse(before, "main"));
        assertThat(sizes.blocks()).isEqualTo(4);
        assertThat(sizes.meanTransactions()).isEqualTo(150.0);
        assertThat(sizes.medianAtMost()).isEqualTo(100.0);
        assertThat(sizes.largestAtMost()).isEqualTo(250.0);
    }
}
