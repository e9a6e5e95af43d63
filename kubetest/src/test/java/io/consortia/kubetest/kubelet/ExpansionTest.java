package io.consortia.kubetest.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpansionTest {
    private final Map<String, String> env = Map.of("POD_NAME", "org1-0", "EMPTY", "");

    @Test
    void definedVariablesAreReplacedAndUndefinedOnesKeptAsWritten() {
        assertThat(Expansion.expand("--config /etc/c/$(POD_NAME).yaml", env::get))
                .isEqualTo("--config /etc/c/org1-0.yaml");
        assertThat(Expansion.expand("$(MISSING)-$(POD_NAME)", env::get)).isEqualTo("$(MISSING)-org1-0");
        assertThat(Expansion.expand("a$(EMPTY)b", env::get)).isEqualTo("ab");
    }

    @Test
    void doubleDollarEscapesAndLoneDollarsStay() {
        assertThat(Expansion.expand("$$(POD_NAME)", env::get)).isEqualTo("$(POD_NAME)");
        assertThat(Expansion.expand("cost $5 $", env::get)).isEqualTo("cost $5 $");
        assertThat(Expansion.expand("$(POD_NAME", env::get)).isEqualTo("$(POD_NAME");
        assertThat(Expansion.expand("$()", env::get)).isEqualTo("$()");
    }
}
