package io.consortia.deploy.monitoring;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression reads. Not a full parser: a tokenizer that knows what
 * else an identifier can be (a function, an aggregation with {@code by}/{@code without}, a
 * keyword, a label inside {@code {...}} or a grouping list) and skips strings, range selectors,
 * numbers, durations and Grafana variables ({@code $job}, {@code ${channel}},
 * {@code $__rate_interval}). Good enough for the rules and dashboards under deploy/, which
 * {@link PromQlTest} pins down.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
    /** Keywords followed by a list of label names in parentheses. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQl() {}

    /** Metric names read by {@code expression}, in order of appearance. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        String s = expression;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i);
            } else if (c == '{') {
                i = skipTo(s, i, '}'); // label matchers (label names, values, regexes)
            } else if (c == '[') {
                i = skipTo(s, i, ']'); // range or subquery: durations, Grafana interval variables
            } else if (c == '$') {
                i = skipVariable(s, i);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                i = skipNumberOrDuration(s, i);
            } else if (isIdentifierStart(c)) {
                int end = i;
                while (end < s.length() && isIdentifierPart(s.charAt(end))) {
                    end++;
                }
                String word = s.substring(i, end);
                String lower = word.toLowerCase(Locale.ROOT);
                int next = skipSpace(s, end);
                boolean call = next < s.length() && s.charAt(next) == '(';
                if (LABEL_LISTS.contains(lower)) {
                    i = call ? skipTo(s, next, ')') : end;
                } else if (lower.equals("offset")) {
                    i = skipNumberOrDuration(s, next);
                } else if (KEYWORDS.contains(lower) || call || (AGGREGATIONS.contains(lower) && nextWordIsGrouping(s, next))) {
                    i = end;
                } else {
                    names.add(word);
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * The metric names of a Grafana template-variable query: {@code label_values(selector, label)}
     * reads the selector's metric and not the label; {@code label_values(label)} reads none;
     * anything else (e.g. {@code query_result(...)}) is PromQL.
     */
    static Set<String> templateQueryMetricNames(String query) {
        String q = query.trim();
        if (q.startsWith("label_values(") && q.endsWith(")")) {
            String inner = q.substring("label_values(".length(), q.length() - 1);
            int comma = lastTopLevelComma(inner);
            return comma < 0 ? Set.of() : metricNames(inner.substring(0, comma));
        }
        if (q.startsWith("query_result(") && q.endsWith(")")) {
            return metricNames(q.substring("query_result(".length(), q.length() - 1));
        }
        return metricNames(q);
    }

    private static int lastTopLevelComma(String s) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == '"') {
                i = skipString(s, i) - 1;
            } else if (c == ',' && depth == 0) {
                last = i;
            }
        }
        return last;
    }

    private static boolean nextWordIsGrouping(String s, int i) {
        int end = i;
        while (end < s.length() && isIdentifierPart(s.charAt(end))) {
            end++;
        }
        String word = s.substring(i, end).toLowerCase(Locale.ROOT);
        return word.equals("by") || word.equals("without");
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
        }
        return j + 1;
    }

    /** Past the matching {@code close}, skipping strings inside. */
    private static int skipTo(String s, int i, char close) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != close) {
            char c = s.charAt(j);
            j = c == '"' || c == '\'' || c == '`' ? skipString(s, j) : j + 1;
        }
        return j + 1;
    }

    private static int skipVariable(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '{') {
            return skipTo(s, j, '}');
        }
        while (j < s.length() && isIdentifierPart(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** A number ({@code 0.99}, {@code 1e-9}, {@code 0x1f}) or a duration ({@code 5m}, {@code 1h30m}). */
    private static int skipNumberOrDuration(String s, int i) {
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '.') {
                j++;
            } else if ((c == '-' || c == '+') && j > i && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
