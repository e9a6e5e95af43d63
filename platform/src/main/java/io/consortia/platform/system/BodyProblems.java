package io.consortia.platform.system;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Why a request body could not be read, in the API's terms: the field's path as the client wrote
 * it and what the field takes. Jackson's and Spring's own messages name Java types and controller
 * method signatures, which tell a client nothing and reveal the platform's internals.
 */
final class BodyProblems {
    private BodyProblems() {}

    static String explain(HttpMessageNotReadableException e) {
        JacksonException jackson = null;
        for (Throwable t = e.getCause(); t != null && jackson == null; t = t.getCause()) {
            jackson = t instanceof JacksonException j ? j : null;
        }
        Throwable root = e.getMostSpecificCause();
        if (jackson == null) {
            return e.getMessage() != null && e.getMessage().startsWith("Required request body")
                    ? "the request body is missing" : "unreadable body";
        }
        if (!(root instanceof JacksonException)) {
            // a record's own check refused the value: its message is ours and written for clients
            return path(jackson) + ": " + (root instanceof IllegalArgumentException && root.getMessage() != null
                    ? root.getMessage().lines().findFirst().orElse("") : "cannot be read");
        }
        if (jackson instanceof PropertyBindingException unknown) {
            return "unknown field " + path(unknown);
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return path(invalid) + ": " + shown(invalid.getValue()) + " is not " + expected(invalid.getTargetType());
        }
        if (jackson instanceof MismatchedInputException mismatched) {
            return path(mismatched) + " must be " + expected(mismatched.getTargetType());
        }
        if (jackson instanceof StreamReadException syntax) {
            String what = syntax.getOriginalMessage() == null ? "malformed JSON"
                    : syntax.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
            String where = syntax.getPath().isEmpty() ? syntax.getLocation() == null ? "" : "line "
                    + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr()
                    : path(syntax);
            return (where.isEmpty() ? "" : where + ": ") + what.replace("`", "");
        }
        return path(jackson) + " cannot be read";
    }

    /** "organizationIds[0]", "rules[1].function"; "the body" for the document itself. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected kind";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number" + (type == Integer.class || type == int.class ? " (32 bits)" : "");
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String shown(Object value) {
        String text = String.valueOf(value);
        return value instanceof String ? "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\""
                : text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
