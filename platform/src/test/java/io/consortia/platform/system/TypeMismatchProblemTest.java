package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A path variable or query parameter that cannot be read as its type names the field and the rule it broke, not
 * only that its value "is invalid": the caller learns what to send instead.
 */
class TypeMismatchProblemTest {
    enum Result { SUCCESS, FAILURE }

    @SuppressWarnings("unused")
    void handler(@PathVariable long id, @RequestParam int limit, @RequestParam Result result) {}

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void a_path_variable_that_is_no_whole_number() throws Exception {
        assertThat(detail("abc", long.class, "id", 0))
                .isEqualTo("Path variable 'id' must be a whole number, not \"abc\"");
    }

    @Test
    void a_query_parameter_says_its_size_and_an_enum_its_values() throws Exception {
        assertThat(detail("ten", int.class, "limit", 1))
                .isEqualTo("Parameter 'limit' must be a whole number (32 bits), not \"ten\"");
        assertThat(detail("MAYBE", Result.class, "result", 2))
                .isEqualTo("Parameter 'result' must be one of SUCCESS, FAILURE, not \"MAYBE\"");
    }

    private String detail(Object value, Class<?> type, String name, int index) throws Exception {
        Method method = getClass().getDeclaredMethod("handler", long.class, int.class, Result.class);
        ProblemDetail problem = advice.typeMismatch(new MethodArgumentTypeMismatchException(value, type, name,
                new MethodParameter(method, index), new IllegalArgumentException("unreadable"))).getBody();
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).hasToString("urn:consortia:problem:invalid-input");
        // the errors member, as for a body's field: a client reads every 400 the same way
        assertThat(problem.getProperties()).containsEntry("errors", java.util.List.of(java.util.Map.of("field", name,
                "message", problem.getDetail().replaceFirst("^.*' (must be .*), not .*$", "$1"))));
        return problem.getDetail();
    }
}
