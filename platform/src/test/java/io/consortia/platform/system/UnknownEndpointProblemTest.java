package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path nothing answers reads as "no such endpoint, method and path", not as Spring's "No static resource
 * gateway/v1/nope." (every path falls through to the static resources last); a known path with another method
 * names the methods it takes.
 */
class UnknownEndpointProblemTest {
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void an_unknown_gateway_or_api_path_is_404_naming_the_method_and_path() throws Exception {
        ProblemDetail gateway = notFound("GET", "/gateway/v1/nope");
        assertThat(gateway.getType()).hasToString("urn:consortia:problem:not-found");
        assertThat(gateway.getDetail()).isEqualTo("There is no gateway endpoint GET /gateway/v1/nope; "
                + "docs/gateway-signing.md lists them")
                .doesNotContain("static resource");
        assertThat(gateway.getProperties()).containsEntry("method", "GET").containsEntry("path", "/gateway/v1/nope");

        ProblemDetail api = notFound("POST", "/api/v1/no-such-endpoint");
        assertThat(api.getType()).hasToString("urn:consortia:problem:not-found");
        assertThat(api.getDetail()).isEqualTo("There is no API endpoint POST /api/v1/no-such-endpoint; "
                + "/swagger-ui lists them");
    }

    @Test
    void an_unknown_static_file_is_still_404_and_says_so() throws Exception {
        ProblemDetail file = notFound("GET", "/console/assets/nope.css");
        assertThat(file.getType()).hasToString("urn:consortia:problem:not-found");
        assertThat(file.getDetail()).isEqualTo("There is nothing at GET /console/assets/nope.css");
    }

    @Test
    void a_long_path_is_cut_in_the_detail_and_left_out_of_the_members() throws Exception {
        ProblemDetail problem = notFound("GET", "/api/v1/" + "x".repeat(500));
        assertThat(problem.getDetail()).hasSizeLessThan(300).contains("/api/v1/xxx").contains("...");
        assertThat(problem.getProperties()).doesNotContainKey("path");
    }

    @Test
    void a_known_path_with_another_method_is_405_naming_the_methods_it_takes() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/api/v1/consortia");
        ResponseEntity<Object> response = advice.handleException(new HttpRequestMethodNotSupportedException("PATCH",
                Set.of("GET", "POST")), new ServletWebRequest(request));
        assertThat(response.getStatusCode().value()).isEqualTo(405);
        assertThat(response.getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType()).hasToString("urn:consortia:problem:http-405");
        assertThat(problem.getDetail()).isEqualTo("PATCH is not allowed on /api/v1/consortia; it takes GET, POST");
        assertThat(problem.getProperties()).containsEntry("allowed", List.of("GET", "POST"));
    }

    private ProblemDetail notFound(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ResponseEntity<Object> response = advice.handleException(new NoResourceFoundException(HttpMethod.valueOf(method),
                path, path.substring(1)), new ServletWebRequest(request));
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getFirst(HttpHeaders.ALLOW)).isNull();
        return (ProblemDetail) response.getBody();
    }
}
