package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tester started the platform with {@code resources.cpu-request=lots}: it started without a word, and every
 * deployment then waited its ready-timeout for pods the cluster had refused at once.
 */
class KubernetesPropertiesTest {

    @Test
    void quantities_and_the_pull_policy_are_checked_when_the_platform_starts() {
        assertThatThrownBy(() -> new KubernetesProperties.Resources("lots", "384Mi", "", "1Gi"))
                .hasMessage("consortia.kubernetes.resources.cpu-request must be a Kubernetes quantity such as 250m, 0.5, "
                        + "512Mi or 1Gi (or empty); was 'lots'");
        assertThatThrownBy(() -> new KubernetesProperties.Resources("250m", "384MB", "", "1Gi"))
                .hasMessageContaining("resources.memory-request").hasMessageContaining("'384MB'");
        assertThatThrownBy(() -> properties("1 Gi", "")).hasMessageContaining("storage-size");
        assertThatThrownBy(() -> properties("1Gi", "always")).hasMessageContaining("image-pull-policy must be Always");
        assertThatCode(() -> new KubernetesProperties.Resources("0.5", "512Mi", "2", "1e9")).doesNotThrowAnyException();
        assertThatCode(() -> properties("10Gi", "IfNotPresent")).doesNotThrowAnyException();
        assertThatCode(KubernetesProperties::disabled).doesNotThrowAnyException();
    }

    private static KubernetesProperties properties(String storageSize, String pullPolicy) {
        return new KubernetesProperties(true, "", "consortia-", "consortia/node:0.1.0", pullPolicy, "", storageSize,
                new KubernetesProperties.Resources("250m", "384Mi", "", "1Gi"),
                new KubernetesProperties.Platform("consortia", Map.of()), Duration.ofMinutes(10),
                new KubernetesProperties.Operator(false));
    }
}
