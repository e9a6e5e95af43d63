package io.consortia.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details, also for filters that answer before Spring MVC does. */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:consortia:problem:" + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** Writes a problem as {@code application/problem+json} directly to a servlet response. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:consortia:problem:" + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
