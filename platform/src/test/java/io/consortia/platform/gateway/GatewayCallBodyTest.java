package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call's {@code args} may be left out, but an explicit null is not an array: it is refused when
 * the body is read (the API answers 400 "args must be an array"), before anything is submitted.
 */
class GatewayCallBodyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void args_left_out_is_no_arguments() {
        assertThat(JSON.readValue("{\"contract\":\"token\",\"function\":\"info\"}", GatewayController.Submission.class)
                .args()).isNull();
        assertThat(JSON.readValue("{\"contract\":\"token\",\"function\":\"info\",\"args\":[\"CNY\"]}",
                GatewayController.Call.class).args()).containsExactly("CNY");
    }

    @Test
    void args_left_out_of_an_evaluation_is_no_arguments() {
        // POST .../evaluate reads a Call and passed its args on as they were: left out, a 500 instead of account()
        assertThat(JSON.readValue("{\"contract\":\"token\",\"function\":\"account\"}", GatewayController.Call.class)
                .args()).isEmpty();
    }

    @Test
    void args_null_is_refused_as_not_an_array_for_one_call_a_batch_and_an_evaluation() {
        assertRefused("{\"contract\":\"token\",\"function\":\"info\",\"args\":null}", GatewayController.Submission.class,
                "args");
        assertRefused("{\"transactions\":[{\"contract\":\"token\",\"function\":\"info\",\"args\":null}]}",
                GatewayController.Submission.class, "transactions[0].args");
        assertRefused("{\"contract\":\"token\",\"function\":\"info\",\"args\":null}", GatewayController.Call.class,
                "args");
        // as text is, as before
        assertRefused("{\"contract\":\"token\",\"function\":\"info\",\"args\":\"CNY\"}",
                GatewayController.Submission.class, "args");
    }

    private static void assertRefused(String body, Class<?> type, String path) {
        assertThatThrownBy(() -> JSON.readValue(body, type)).isInstanceOfSatisfying(MismatchedInputException.class,
                e -> {
                    // what BodyProblems turns into "<path> must be an array"
                    assertThat(List.class).isAssignableFrom(e.getTargetType());
                    assertThat(e.getPath()).extracting(r -> r.getPropertyName() != null ? r.getPropertyName()
                            : "[" + r.getIndex() + "]").containsExactlyElementsOf(pathOf(path));
                });
    }

    private static List<String> pathOf(String path) {
        return List.of(path.replace("[", ".[").split("\\."));
    }
}
