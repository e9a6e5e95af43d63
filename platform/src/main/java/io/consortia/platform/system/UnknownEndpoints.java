package io.consortia.platform.system;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems for a request no controller takes. Every path nothing else answers falls through to the
 * static resources, so Spring's own words were "No static resource gateway/v1/nope.", which tells a developer
 * calling the gateway or the API nothing; these name the method and path and where the endpoints are listed.
 */
final class UnknownEndpoints {
    /** Longer paths are cut in the detail and left out of the members: a raw path is the caller's text. */
    private static final int MAX_PATH = 200;

    private UnknownEndpoints() {}

    static ProblemDetail notFound(String method, String path) {
        String where = method + " " + shown(path);
        String detail;
        if (path.startsWith("/gateway/")) {
            detail = "There is no gateway endpoint " + where + "; docs/gateway-signing.md lists them";
        } else if (path.startsWith("/api/")) {
            detail = "There is no API endpoint " + where + "; /swagger-ui lists them";
        } else {
            detail = "There is nothing at " + where;
        }
        return withRequest(Problems.of(HttpStatus.NOT_FOUND, "not-found", detail), method, path);
    }

    static ProblemDetail methodNotAllowed(String method, String path, String[] supported) {
        List<String> allowed = supported == null ? List.of() : Arrays.stream(supported).sorted().toList();
        String detail = method + " is not allowed on " + shown(path)
                + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed));
        ProblemDetail problem = withRequest(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "http-405", detail), method,
                path);
        problem.setProperty("allowed", allowed);
        return problem;
    }

    private static ProblemDetail withRequest(ProblemDetail problem, String method, String path) {
        problem.setProperty("method", method);
        if (path.length() <= MAX_PATH) {
            problem.setProperty("path", path); // not "instance": a raw path need not be a valid URI
        }
        return problem;
    }

    private static String shown(String path) {
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...";
    }
}
