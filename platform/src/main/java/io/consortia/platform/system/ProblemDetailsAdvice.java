package io.consortia.platform.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every error to an RFC 9457 problem response ({@code application/problem+json}):
 * {@link PlatformException}s with their status, validation failures with the fields at fault,
 * unreadable JSON with the parser's explanation, unique-key and reference violations of the
 * database as 409, no free database connection as 503, anything else as a 500 without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** A hint only: long enough for a burst to drain, short next to the pool's own 30 s wait. */
    private static final long DATABASE_RETRY_SECONDS = 5;

    @ExceptionHandler(PlatformException.class)
    ResponseEntity<ProblemDetail> platform(PlatformException e) {
        ProblemDetail problem = Problems.of(e.status(), e.type(), e.getMessage());
        e.code().ifPresent(code -> problem.setProperty("code", code));
        e.extensions().forEach(problem::setProperty);
        if (e instanceof InvalidFields.Refused fields) {
            problem.setProperty("errors", fields.errors());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problem.setProperty("retryAfterSeconds", seconds);
        });
        return response.body(problem);
    }

    /**
     * A path variable or query parameter that cannot be read as its type: the detail names the field, the rule
     * (what its type admits, as for a body's field) and what was sent, so the caller knows what to send instead.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String kind = e.getParameter().hasParameterAnnotation(PathVariable.class) ? "Path variable" : "Parameter";
        String detail = kind + " '" + e.getName() + "' must be " + BodyProblems.expected(e.getRequiredType())
                + ", not " + BodyProblems.shown(e.getValue());
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", detail);
        problem.setProperty("errors", List.of(Map.of("field", e.getName(),
                "message", "must be " + BodyProblems.expected(e.getRequiredType()))));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A unique key or reference the database refused: two identical creations raced past the
     * service's own "already exists" check (or the thing was removed meanwhile). The database
     * kept its state; the caller learns that the request conflicts, not that the platform broke.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        LOG.debug("Refused by the database's constraints", e);
        String detail = e instanceof DuplicateKeyException
                ? "It already exists (an identical request was handled at the same time); read it, or choose another name"
                : "The request conflicts with the platform's current data (it changed meanwhile); reload and try again";
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, "conflict", detail));
    }

    /**
     * The database gave up waiting for a lock another transaction holds: with H2, a second
     * identical creation waits on the first one's uncommitted unique key and times out instead
     * of seeing the duplicate. Nothing was written; it is a conflict with a concurrent request.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> lockTimeout(DataAccessException e) {
        LOG.debug("Gave up waiting for a lock", e);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, "conflict",
                "A concurrent request was changing the same data (an identical creation, most likely); it may exist "
                        + "now: read it, or try again"));
    }

    /** A query string Tomcat cannot decode ({@code %ZZ}, invalid UTF-8, a bare {@code =}): the caller's fault. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badQuery(org.apache.tomcat.util.http.InvalidParameterException e) {
        LOG.debug("Unreadable query string", e);
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "bad-request", QUERY_DETAIL));
    }

    static final String QUERY_DETAIL = "The query string cannot be read: a parameter is not valid percent-encoded UTF-8 "
            + "or has no name";

    /**
     * No database connection came free within the pool's timeout: the platform is overloaded or its
     * database unreachable. Nothing was wrong with the request, so the caller is told to come back
     * rather than that the platform broke; one line in the log, not a stack trace per waiting request.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> noConnection(Exception e) {
        if (!isNoConnection(e)) {
            return unexpected(e);
        }
        // the pool's own words count its connections and waiters
        LOG.warn("No database connection for a request: {}",
                NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return databaseUnavailable();
    }

    /** Whether {@code error} is (or was caused by) the connection pool giving up. */
    static boolean isNoConnection(Object error) {
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ProblemDetail> databaseUnavailable() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                "The platform's database has no free connection (too many requests at once, or it is unreachable); "
                        + "try again in a few seconds");
        problem.setProperty("retryAfterSeconds", DATABASE_RETRY_SECONDS);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Unexpected error; the platform log has the details"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", InvalidFields.detail(errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** No controller for this path: the static resources, tried last, found nothing either. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return notFound(e, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return notFound(e, headers, request);
    }

    private ResponseEntity<Object> notFound(Exception e, HttpHeaders headers, WebRequest request) {
        HttpServletRequest http = ((ServletWebRequest) request).getRequest();
        return handleExceptionInternal(e, UnknownEndpoints.notFound(http.getMethod(), http.getRequestURI()), headers,
                HttpStatus.NOT_FOUND, request);
    }

    /** The headers keep Spring's Allow; the detail names the methods too, for a reader of the body alone. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = ((ServletWebRequest) request).getRequest();
        return handleExceptionInternal(e, UnknownEndpoints.methodNotAllowed(e.getMethod(), http.getRequestURI(),
                e.getSupportedMethods()), headers, HttpStatus.METHOD_NOT_ALLOWED, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyProblems.Explanation explained = BodyProblems.explain(e);
        if (!explained.valueProblem()) {
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-json",
                    "The request body is not valid JSON for this endpoint: " + explained.text()));
        }
        // the JSON was read and a value is wrong: the same answer as a field bean validation refuses
        List<Map<String, String>> errors = explained.field() == null ? List.of()
                : List.of(Map.of("field", explained.field(), "message", explained.message()));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input",
                "Invalid request: " + explained.text());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create("urn:consortia:problem:http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
