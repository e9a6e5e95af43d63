package io.consortia.platform.system;

import org.springframework.http.HttpStatus;

/**
 * Root of the platform's exceptions. Each carries the HTTP status and a short problem type
 * slug; the message is the problem's detail and must tell the caller what to do next. It
 * never carries secrets.
 */
public class PlatformException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final java.time.Duration retryAfter;
    /** The node's validation code the refusal stands for (the problem's {@code code}), if any. */
    private final String code;
    /** The problem's extension members (RFC 9457, section 3.2), in order; empty for most problems. */
    private final java.util.Map<String, Object> extensions;

    public PlatformException(HttpStatus status, String type, String message) {
        this(status, type, message, null, null, null);
    }

    public PlatformException(HttpStatus status, String type, String message, Throwable cause) {
        this(status, type, message, null, null, cause);
    }

    private PlatformException(HttpStatus status, String type, String message, java.time.Duration retryAfter,
            String code, Throwable cause) {
        this(status, type, message, retryAfter, code, cause, java.util.Map.of());
    }

    private PlatformException(HttpStatus status, String type, String message, java.time.Duration retryAfter,
            String code, Throwable cause, java.util.Map<String, Object> extensions) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
        this.code = code;
        this.extensions = extensions;
    }

    /**
     * This problem with extension members added after its own (RFC 9457 allows members of the problem
     * type's own), e.g. the transaction and block that record a call the contract refused. A copy, as a
     * PlatformException: this one is unchanged.
     */
    public PlatformException withExtensions(java.util.Map<String, ?> more) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(extensions);
        all.putAll(more);
        return new PlatformException(status, type, getMessage(), retryAfter, code, getCause(),
                java.util.Collections.unmodifiableMap(all));
    }

    /** The problem's extension members beyond {@code code}, {@code errors} and {@code retryAfterSeconds}, in order. */
    public java.util.Map<String, Object> extensions() {
        return extensions;
    }

    /** A refusal standing for a node's validation code (e.g. {@code LIFECYCLE_INVALID}), which the problem names. */
    public static PlatformException coded(HttpStatus status, String type, String code, String message) {
        return new PlatformException(status, type, message, null, code, null);
    }

    public HttpStatus status() {
        return status;
    }

    /** The node's validation code the refusal stands for, if it stands for one. */
    public java.util.Optional<String> code() {
        return java.util.Optional.ofNullable(code);
    }

    /** Short slug, e.g. {@code not-found}; the problem type URI is {@code urn:consortia:problem:<slug>}. */
    public String type() {
        return type;
    }

    /** When the caller may try again (the response's Retry-After), if the refusal is temporary. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /** 429: too many attempts; the answer carries Retry-After in whole seconds, rounded up. */
    public static PlatformException tooManyRequests(String message, java.time.Duration retryAfter) {
        return new PlatformException(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", message, retryAfter, null, null);
    }

    /** 404: the thing does not exist, or the caller may not know it exists. */
    public static PlatformException notFound(String what, Object id) {
        return new PlatformException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
    }

    /** 409: the request conflicts with the current state (duplicate name, wrong status). */
    public static PlatformException conflict(String message) {
        return new PlatformException(HttpStatus.CONFLICT, "conflict", message);
    }

    /** 403: the caller's role does not allow this. */
    public static PlatformException forbidden(String message) {
        return new PlatformException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    /** 400: a field or argument is invalid; the message names it. */
    public static PlatformException invalid(String message) {
        return new PlatformException(HttpStatus.BAD_REQUEST, "invalid-input", message);
    }

    /** 502/503: a node did not answer or refused; try again later or check the nodes. */
    public static PlatformException unavailable(String message, Throwable cause) {
        return new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "network-unavailable", message, cause);
    }

    /** 503 with Retry-After: the nodes did not answer now and likely will soon (an election, a restart). */
    public static PlatformException unavailable(String message, java.time.Duration retryAfter, Throwable cause) {
        return new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "network-unavailable", message, retryAfter,
                null, cause);
    }
}
