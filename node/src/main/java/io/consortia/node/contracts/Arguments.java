package io.consortia.node.contracts;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** The UTF-8 string arguments of one call, checked with messages that name the function and argument. */
final class Arguments {
    /** A whole number as written by {@link Long#toString}: ASCII digits, no sign, no leading zero. */
    private static final Pattern WHOLE = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final String function;
    private final List<ByteString> args;

    private Arguments(String function, List<ByteString> args) {
        this.function = function;
        this.args = args;
    }

    /** Checks the argument count: {@code usage} is shown on a mismatch, e.g. "record(documentHash, [metadata])". */
    static Arguments of(String function, List<ByteString> args, int min, int max, String usage) {
        if (args.size() < min || args.size() > max) {
            throw new ContractException(function + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments, got " + args.size() + ": " + usage);
        }
        return new Arguments(function, args);
    }

    int size() {
        return args.size();
    }

    String string(int index, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(args.get(index).toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ContractException(function + ": " + name + " is not valid UTF-8");
        }
    }

    String optionalString(int index, String name, String fallback) {
        return index < args.size() ? string(index, name) : fallback;
    }

    /** An identifier: {@link ContractIds#RULE}. */
    String id(int index, String name) {
        String value = string(index, name);
        if (!ContractIds.isValid(value)) {
            throw new ContractException(function + ": " + name + " must be " + ContractIds.RULE + ", got '"
                    + abbreviate(value) + "'");
        }
        return value;
    }

    String nonBlank(int index, String name, int maxLength) {
        String value = string(index, name);
        if (value.isBlank() || value.length() > maxLength) {
            throw new ContractException(function + ": " + name + " must be 1-" + maxLength + " characters");
        }
        return value;
    }

    /**
     * A whole number in canonical decimal, at most {@link Long#MAX_VALUE}. Anything else is refused
     * rather than read leniently ({@code Long.parseLong} takes "+5", "007" and non-ASCII digits):
     * an amount is what its text says, or nothing.
     */
    long nonNegativeLong(int index, String name) {
        String value = string(index, name);
        if (WHOLE.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                // 19 digits beyond Long.MAX_VALUE: refused below
            }
        }
        // "007" is digits only, so "digits 0-9 only" alone did not say what was wrong with it
        String leadingZero = value.length() > 1 && value.charAt(0) == '0' && value.chars().allMatch(c -> c >= '0'
                && c <= '9') ? "; leading zeros are not allowed" : "";
        throw new ContractException(function + ": " + name + " must be a non-negative whole number (digits 0-9 only,"
                + " no leading zero, at most " + Long.MAX_VALUE + "), got '" + abbreviate(value) + "'" + leadingZero);
    }

    /** At most 80 characters, control characters shown as {@code \\uXXXX}: refusals echo input safely. */
    static String abbreviate(String value) {
        String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
