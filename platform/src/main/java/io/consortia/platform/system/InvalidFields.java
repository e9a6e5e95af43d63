package io.consortia.platform.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The fields of a body a controller checks by hand (not by bean validation), collected so that one 400 names
 * every field wrong in the problem's {@code errors} list, the shape bean validation gives the REST API:
 * {@code {"field": "transactions[0].contract", "message": "must be ..."}}.
 */
public final class InvalidFields {
    private final List<Map<String, String>> errors = new ArrayList<>();

    /** {@code message} reads after the field's name: "must be 64 hex characters". */
    public InvalidFields add(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Refuses the request (400 invalid-input) when a field was wrong; nothing has been done yet. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Refused(List.copyOf(errors));
        }
    }

    /**
     * A 400 naming one field, thrown where a controller or service checks a value by hand: the detail reads
     * "{@code <field> <message>}" as before, and the problem's {@code errors} holds the same field and
     * message, so that a client reads every 400 the same way.
     */
    public static PlatformException field(String field, String message) {
        return field(field, message, field + " " + message);
    }

    /** As {@link #field(String, String)}, with a detail of the caller's own words ("argument amount must be ..."). */
    public static PlatformException field(String field, String message, String detail) {
        return refusal(new InvalidFields().add(field, message).errors, detail);
    }

    /** A 400 whose {@code errors} member (an extension: {@link PlatformException#extensions()}) lists the fields. */
    private static PlatformException refusal(List<Map<String, String>> errors, String detail) {
        return PlatformException.invalid(detail).withExtensions(Map.of("errors", List.copyOf(errors)));
    }

    /** Refuses the request (400 invalid-input) when a field was wrong, with a detail of the caller's own. */
    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw refusal(errors, detail);
        }
    }

    /** "Invalid request: f1 m1, f2 m2", as bean validation's problems read. */
    static String detail(List<Map<String, String>> errors) {
        return "Invalid request: " + String.join(", ",
                errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList());
    }

    /** Carries the fields to {@link ProblemDetailsAdvice}, which puts them in the problem's errors. */
    static final class Refused extends PlatformException {
        private final transient List<Map<String, String>> errors;

        private Refused(List<Map<String, String>> errors) {
            super(HttpStatus.BAD_REQUEST, "invalid-input", detail(errors));
            this.errors = errors;
        }

        List<Map<String, String>> errors() {
            return errors;
        }
    }
}
