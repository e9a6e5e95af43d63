package io.consortia.wasm;

/**
 * Text a contract chose (abort messages, log lines, names it passes on) made safe to show: a transaction's reason is
 * stored in the block and shown in terminals, logs and the platform, where NUL, ESC sequences, CR/LF or bidirectional
 * overrides would cut, forge or disguise what follows. Such characters become {@code \}{@code uXXXX}. The set is a
 * fixed list, not the JDK's Unicode tables, which change between Java versions: every node must write the same reason.
 */
final class SafeText {
    /** Longest reason, in UTF-16 chars; longer ones are cut and marked, the same on every node. */
    static final int MAX_REASON_CHARS = 1024;
    static final String CUT = " [cut]";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SafeText() {
    }

    /** {@link #escape}d and cut to {@link #MAX_REASON_CHARS}. */
    static String reason(String text) {
        String escaped = escape(text);
        if (escaped.length() <= MAX_REASON_CHARS) {
            return escaped;
        }
        int end = MAX_REASON_CHARS - CUT.length();
        if (Character.isHighSurrogate(escaped.charAt(end - 1))) {
            end--; // never half a character
        }
        return escaped.substring(0, end) + CUT;
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 64).append(text, 0, i);
                }
                // not String.format: a 4 KiB log line of controls would parse a format string 4096 times
                out.append('\\').append('u')
                        .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks, embeddings, overrides, isolates. */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == 0x2028 || c == 0x2029
                || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
