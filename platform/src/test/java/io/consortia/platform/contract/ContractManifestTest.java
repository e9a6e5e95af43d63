package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractManifestTest {
    private static final ContractManifest.Function OPEN = new ContractManifest.Function("open", null, false, List.of(
            new ContractManifest.Argument("id", "string"), new ContractManifest.Argument("amount", "integer"),
            new ContractManifest.Argument("final", "boolean")));

    @Test
    void a_function_without_query_is_submitted_as_the_openapi_says() {
        // the platform's request bodies are read by Jackson 3, which refuses an absent primitive
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        ContractManifest manifest = json.readValue("{\"name\":\"counter\",\"version\":\"1.0\",\"functions\":"
                + "[{\"name\":\"inc\",\"args\":[{\"name\":\"counter\",\"type\":\"string\"}]},"
                + "{\"name\":\"get\",\"query\":true,\"args\":[]}]}", ContractManifest.class);
        assertThat(manifest.functions().get(0).query()).isFalse();
        assertThat(manifest.functions().get(1).query()).isTrue();
        assertThat(json.writeValueAsString(manifest.functions().get(0))).contains("\"query\":false");
    }

    @Test
    void arguments_of_the_declared_types_pass() {
        assertThatCode(() -> ContractManifest.checkArguments(OPEN, List.of("e1", "-42", "true"))).doesNotThrowAnyException();
    }

    @Test
    void a_wrong_count_or_type_is_refused_with_the_argument_named() {
        assertThatThrownBy(() -> ContractManifest.checkArguments(OPEN, List.of("e1", "42")))
                .isInstanceOf(PlatformException.class).hasMessage("args must hold 3 value(s) (open takes 3 argument(s)), 2 given");
        assertThatThrownBy(() -> ContractManifest.checkArguments(OPEN, List.of("e1", "4.2", "true")))
                .hasMessageContaining("amount must be a whole number");
        assertThatThrownBy(() -> ContractManifest.checkArguments(OPEN, List.of("e1", "99999999999999999999", "true")))
                .hasMessageContaining("amount must be a whole number");
        assertThatThrownBy(() -> ContractManifest.checkArguments(OPEN, List.of("e1", "1", "yes")))
                .hasMessageContaining("final must be true or false");
    }

    @Test
    void built_in_names_and_duplicates_are_refused() {
        assertThatThrownBy(() -> new ContractManifest("nft", "1", null, List.of(OPEN)).checkConsistent())
                .hasMessageContaining("built-in");
        assertThatThrownBy(() -> new ContractManifest("escrow", "1", null, List.of(OPEN, OPEN)).checkConsistent())
                .hasMessageContaining("appears twice");
        assertThatCode(() -> new ContractManifest("escrow", "1", null, List.of(OPEN)).checkConsistent())
                .doesNotThrowAnyException();
    }
}
