package io.consortia.platform.system;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Facts a change adds to its request's audit record, e.g. {@code user="bob" role="ADMIN"}: the
 * route and its path values say what was asked, not what was made (which user with which role,
 * which access key id, which channel a POST created), and an auditor had to look that up in other
 * tables. Kept on the request (attribute {@link #ATTRIBUTE}); the audit filter writes them into the
 * record's {@code details}. It lives in this leaf package because every feature notes its own facts
 * and the audit feature sits above most of them.
 *
 * <p>Never note a secret (password, secret key, private key, token): records are kept forever and
 * exported. Values are quoted, so that a value chosen by a caller (a channel's name) cannot pass
 * for another fact.
 */
public final class AuditNotes {
    /** Request attribute: the notes so far, in the order they were made. */
    public static final String ATTRIBUTE = "consortia.audit.notes";
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z]{0,31}");
    /** The words the filter itself writes into details: a note may not take them. */
    private static final Set<String> RESERVED = Set.of("auth", "refused", "claimedKey", "agent");
    private static final int MAX_VALUE = 300;

    private AuditNotes() {}

    /**
     * Adds {@code key="value"} to the current request's audit record (a later note of the same key
     * replaces it). Outside a request (a scheduled job) there is no record to add to and nothing happens;
     * a null value or an empty collection notes nothing. A collection is noted as its elements joined by commas.
     */
    public static void note(String key, Object value) {
        requireKey(key);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || request == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> notes = (Map<String, String>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (notes == null) {
            notes = new LinkedHashMap<>();
            request.setAttribute(ATTRIBUTE, notes, RequestAttributes.SCOPE_REQUEST);
        }
        notes.put(key, clip(valueText(value)));
    }

    /**
     * Facts of the platform's own action (a scheduled job, the supervisor), which has no request
     * to note them on: {@code key="value"} each, separated by spaces, as a request's notes are
     * written; null values and empty collections are left out.
     */
    public static String facts(Map<String, ?> facts) {
        StringBuilder out = new StringBuilder();
        facts.forEach((key, value) -> {
            requireKey(key);
            if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                out.append(out.isEmpty() ? "" : " ").append(key).append('=').append(quote(clip(valueText(value))));
            }
        });
        return out.toString();
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches() || RESERVED.contains(key)) {
            throw new IllegalArgumentException("Not an audit note's key: " + key);
        }
    }

    /** The notes of a request's attribute as they go into details: {@code  key="value"} each, or "". */
    public static String text(Object attribute) {
        if (!(attribute instanceof Map<?, ?> notes)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        notes.forEach((key, value) -> out.append(' ').append(key).append('=').append(quote(String.valueOf(value))));
        return out.toString();
    }

    /**
     * The value in double quotes, with {@code "} and {@code \} escaped by a backslash and control
     * characters written as {@code \n}, {@code \r}, {@code \t} or, for the others, a backslash, u and
     * four hex digits: a reader takes everything up to the first unescaped quote as the value,
     * whatever the value holds.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String valueText(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    private static String clip(String value) {
        // a long value (a channel's many organisations) must not push the rest of the record out of details
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }
}
