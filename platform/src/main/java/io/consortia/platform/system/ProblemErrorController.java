package io.consortia.platform.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors that never reached a controller
 * (an unknown path, a request the security firewall or a filter refused with {@code sendError})
 * are answered as problems too, instead of Spring's default JSON or HTML. Replaces Boot's
 * {@code BasicErrorController}.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the container's page, not part of the API
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.NOT_FOUND; // /error called directly: there is nothing there
        }
        if (causedBy(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION),
                org.apache.tomcat.util.http.InvalidParameterException.class)) {
            // a filter read a parameter of an undecodable query string
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-request", ProblemDetailsAdvice.QUERY_DETAIL);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        if (ProblemDetailsAdvice.isNoConnection(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            return ProblemDetailsAdvice.databaseUnavailable(); // a filter (the bearer token's check) found none
        }
        ProblemDetail problem = Problems.of(status, type(status), detail(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.length() <= 200) {
            problem.setProperty("path", path); // not "instance": a raw path need not be a valid URI
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean causedBy(Object error, Class<? extends Throwable> type) {
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String type(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case BAD_REQUEST -> "bad-request";
            case METHOD_NOT_ALLOWED -> "http-405";
            case CONTENT_TOO_LARGE -> "payload-too-large";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            default -> status.is5xxServerError() ? "internal" : "http-" + status.value();
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this path; the API is under /api/v1 (see /swagger-ui)";
            case BAD_REQUEST -> "The request cannot be read: its path, query or headers are malformed or too large";
            case METHOD_NOT_ALLOWED -> "This path does not take this HTTP method";
            default -> status.is5xxServerError() ? "Unexpected error; the platform log has the details"
                    : status.getReasonPhrase();
        };
    }
}
