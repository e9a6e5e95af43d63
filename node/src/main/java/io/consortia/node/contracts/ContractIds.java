package io.consortia.node.contracts;

import java.util.regex.Pattern;

/**
 * The one rule for the identifiers the built-in contracts take (asset ids, token symbols, NFT
 * collections and token ids, batch ids, traceability event types). It is public so that the
 * platform checks REST input against this very rule: a second copy drifted once, and ids the
 * contract stored could then not be read over REST.
 */
public final class ContractIds {
    /**
     * As a regular expression, for {@code @Pattern}. Not only dots: "." and ".." are legal
     * characters but a path segment's meaning wherever an id ends up in a URL.
     */
    public static final String REGEX = "(?!\\.+$)[A-Za-z0-9._:-]{1,128}";
    /** The rule in words, as refusals state it. */
    public static final String RULE = "1-128 characters of [A-Za-z0-9._:-], not only dots";
    private static final Pattern ID = Pattern.compile(REGEX);

    private ContractIds() {}

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
