package io.consortia.platform.system;

/**
 * One field of an RFC 4180 CSV file that people open in a spreadsheet. A value starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with
 * {@code '}, so that the spreadsheet shows it instead of running it as a formula: exported values
 * (an audit record's details, a transaction's reason) are written by whoever called the platform.
 */
public final class CsvField {
    private CsvField() {}

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
