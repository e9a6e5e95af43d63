package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureBenchmarkTest {
    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void benchmark_reports_a_positive_rate(SignatureScheme scheme) {
        assertThat(SignatureBenchmark.verificationsPerSecond(scheme, Duration.ofMillis(200), 2)).isPositive();
    }
}
