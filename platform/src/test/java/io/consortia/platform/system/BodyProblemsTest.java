package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class BodyProblemsTest {
    enum Role { ADMIN, AUDITOR }

    record Rule(String function, boolean query) {}

    record Body(String name, Role role, Integer count, List<Long> organizationIds, List<Rule> rules) {
        Body {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    private static final JsonMapper JSON = configured();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "{\"role\":\"ROOT\"}                       | role           | must be one of ADMIN, AUDITOR, not \"ROOT\"",
            "{\"colour\":\"blue\"}                     | colour         | is not a field of this request (its fields: count, name, organizationIds, role, rules)",
            "{\"name\":[\"a\"]}                        | name           | must be text",
            "{\"name\":123}                            | name           | must be text, not 123",
            "{\"name\":true}                           | name           | must be text, not true",
            "{\"organizationIds\":[1,\"x\"]}           | organizationIds[1] | must be a whole number",
            "{\"rules\":[{\"function\":\"f\",\"query\":null}]} | rules[0].query | must be true or false",
            "{\"rules\":[{\"function\":\"f\",\"query\":\"false\"}]} | rules[0].query | must be true or false",
            "{\"rules\":[{\"function\":\"f\",\"query\":0}]}  | rules[0].query | must be true or false",
            "{\"count\":99999999999}                   | count          | must be a whole number (32 bits), not 99999999999 (out of range)",
            "{\"name\":\"  \"}                         |                | name must not be blank",
            "{\"name\":\"a\\u0000b\"}                     | name           | must not contain control characters (U+0000 at position 2)",
            "{\"rules\":[{\"function\":\"\\u007f\"}]}     | rules[0].function | must not contain control characters (U+007F"})
    void a_wrong_value_is_named_by_its_field_and_rule_without_java_names(String body, String field, String rule) {
        BodyProblems.Explanation explanation = BodyProblems.explain(notReadable(body));

        assertThat(explanation.valueProblem()).as(explanation.toString()).isTrue();
        assertThat(explanation.field()).isEqualTo(field);
        assertThat(explanation.message()).startsWith(rule).doesNotContain("io.consortia", "$", "java.", "`");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "[1,2]                                     | the body must be an object",
            "{\"name\": \"broken                       | name: Unexpected end-of-input",
            "{\"name\": \"a\" \"b\"}                    | line 1, column 14: Unexpected character"})
    void a_document_that_is_not_the_requests_json_is_named_so(String body, String explained) {
        BodyProblems.Explanation explanation = BodyProblems.explain(notReadable(body));

        assertThat(explanation.valueProblem()).as(explanation.toString()).isFalse();
        assertThat(explanation.text()).startsWith(explained).doesNotContain("io.consortia", "$", "java.", "`");
    }

    @org.junit.jupiter.api.Test
    void a_missing_body_is_named_so_without_the_controllers_signature() {
        HttpMessageNotReadableException missing = new HttpMessageNotReadableException(
                "Required request body is missing: public Organization io.consortia.platform.organization"
                        + ".OrganizationController.create(NewOrganization)", input());

        assertThat(BodyProblems.explain(missing).text()).isEqualTo("the request body is missing");
    }

    private static HttpMessageNotReadableException notReadable(String body) {
        JacksonException failure = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Body.class));
        assertThat(failure).as("Jackson refuses %s", body).isNotNull();
        return new HttpMessageNotReadableException("JSON parse error: " + failure.getMessage(), failure, input());
    }

    private static JsonMapper configured() {
        JsonMapper.Builder builder = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictNumbers().customize(builder);
        new PlainText().customize(builder);
        return builder.build();
    }

    private static HttpInputMessage input() {
        return new HttpInputMessage() {
            @Override
            public java.io.InputStream getBody() {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }
        };
    }
}
