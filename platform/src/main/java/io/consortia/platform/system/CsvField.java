package io.consortia.platform.system;

/**
 * One field of an RFC 4180 CSV file that people open in a spreadsheet. A value starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with
 * {@code '}, so that the spreadsheet shows it instead of running it as a formula: exported values
 * (an audit record's details, a transaction's reason) are written by whoever called the platform.
 */
public final class CsvField {
    private CsvField() {}

    /**
     * A whole file's bytes: UTF-8 after a byte order mark. Without the mark, Excel on Windows reads
     * a CSV file in the machine's ANSI code page and shows Chinese names and reasons as mojibake;
     * with it, every spreadsheet and RFC 4180 reader that knows UTF-8 reads the same text.
     */
    public static byte[] file(String csv) {
        byte[] text = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    /** The value as a field; null is an empty field. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
