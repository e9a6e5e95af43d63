package io.consortia.platform.system;

import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
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
    /** Jackson's "Numeric value (99999999999) out of range of int": the value as the client wrote it. */
    private static final Pattern OUT_OF_RANGE = Pattern.compile("value \\(([^)]{1,40})\\) out of range");
    private BodyProblems() {}

    /**
     * What is wrong: a field's value (the JSON was read, a value was not what the field takes: {@code
     * valueProblem}), or the document itself (not JSON, cut short, missing, not an object).
     *
     * @param field the field's path as the client wrote it, null when no one field is to blame
     */
    record Explanation(String field, String message, boolean valueProblem) {
        /** "role must be one of ADMIN, AUDITOR, not "ROOT"", "the request body is missing". */
        String text() {
            return field == null ? message : field + " " + message;
        }
    }

    static Explanation explain(HttpMessageNotReadableException e) {
        JacksonException jackson = null;
        for (Throwable t = e.getCause(); t != null && jackson == null; t = t.getCause()) {
            jackson = t instanceof JacksonException j ? j : null;
        }
        Throwable root = e.getMostSpecificCause();
        if (jackson == null) {
            return new Explanation(null, e.getMessage() != null && e.getMessage().startsWith("Required request body")
                    ? "the request body is missing" : "unreadable body", false);
        }
        String field = field(jackson);
        if (!(root instanceof JacksonException)) {
            // a record's own check refused the value: its message is ours and written for clients
            return new Explanation(field, root instanceof IllegalArgumentException && root.getMessage() != null
                    ? root.getMessage().lines().findFirst().orElse("") : "cannot be read", true);
        }
        if (jackson instanceof PropertyBindingException unknown) {
            return new Explanation(field, "is not a field of this request" + known(unknown), true);
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return new Explanation(field, "must be " + expected(invalid.getTargetType()) + ", not "
                    + shown(invalid.getValue()), true);
        }
        if (jackson instanceof InputCoercionException outOfRange && field != null) {
            Matcher value = OUT_OF_RANGE.matcher(String.valueOf(outOfRange.getOriginalMessage()));
            return new Explanation(field, "must be " + expected(outOfRange.getTargetType())
                    + (value.find() ? ", not " + value.group(1) + " (out of range)" : ""), true);
        }
        if (jackson instanceof MismatchedInputException mismatched) {
            return new Explanation(field == null ? "the body" : field,
                    "must be " + expected(mismatched.getTargetType()), field != null);
        }
        if (jackson instanceof StreamReadException syntax) {
            String what = syntax.getOriginalMessage() == null ? "malformed JSON"
                    : syntax.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
            String where = field != null ? field : syntax.getLocation() == null ? "" : "line "
                    + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            return new Explanation(null, (where.isEmpty() ? "" : where + ": ") + what.replace("`", ""), false);
        }
        return new Explanation(field == null ? "the body" : field, "cannot be read", false);
    }

    /** " (its fields: a, b, c)": what the client may have meant. */
    private static String known(PropertyBindingException unknown) {
        if (unknown.getKnownPropertyIds() == null || unknown.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return " (its fields: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The path, null for the document itself. */
    private static String field(JacksonException e) {
        String path = path(e);
        return path.equals("the body") ? null : path;
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
