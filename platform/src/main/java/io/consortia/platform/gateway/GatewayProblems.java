package io.consortia.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals as RFC 9457 problems with their own title, from the filter and from controllers alike. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(GatewayRefusal.class)
    ResponseEntity<ProblemDetail> refused(GatewayRefusal refusal, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
        problem.setType(URI.create("urn:consortia:problem:" + refusal.type()));
        problem.setTitle(refusal.title());
        problem.setInstance(URI.create(request.getRequestURI()));
        refusal.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        refusal.retryAfter().ifPresent(d -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(d))));
        return answer.body(problem);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, GatewayRefusal refusal)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:consortia:problem:" + refusal.type());
        body.put("title", refusal.title());
        body.put("status", refusal.status().value());
        body.put("detail", refusal.getMessage());
        body.put("instance", request.getRequestURI());
        body.putAll(refusal.properties());
        response.setStatus(refusal.status().value());
        refusal.retryAfter().ifPresent(d -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(d))));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static long seconds(java.time.Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
