package io.consortia.deploy.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the values of a values.yaml that no comment describes. A value (a key with a value on
 * its line) is described by a comment at its own indentation above it, over sibling keys and
 * their nested lines but not over a blank line, or by the description of the map it is in.
 */
final class ValuesDocumentation {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z][\\w.-]*):(.*)$");

    private record Line(String kind, int indent, boolean leaf) {}

    private ValuesDocumentation() {}

    /** "line N: text" of every value without a description. */
    static List<String> undocumented(String yaml) {
        String[] text = yaml.split("\n", -1);
        List<Line> lines = new ArrayList<>();
        for (String raw : text) {
            int indent = raw.length() - raw.stripLeading().length();
            if (raw.isBlank()) {
                lines.add(new Line("blank", 0, false));
            } else if (raw.strip().startsWith("#")) {
                lines.add(new Line("comment", indent, false));
            } else {
                Matcher m = KEY.matcher(raw);
                boolean leaf = m.matches() && !m.group(3).split(" #")[0].isBlank();
                lines.add(new Line(m.matches() ? "key" : "other", indent, leaf));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).leaf() && !documented(lines, i)) {
                missing.add("line " + (i + 1) + ": " + text[i].strip());
            }
        }
        return missing;
    }

    private static boolean documented(List<Line> lines, int i) {
        int indent = lines.get(i).indent();
        for (int j = i - 1; j >= 0; j--) {
            Line line = lines.get(j);
            switch (line.kind()) {
                case "blank":
                    return false;
                case "comment":
                    if (line.indent() == indent) {
                        return true;
                    }
                    if (line.indent() < indent) {
                        return false;
                    }
                    break; // a nested value's comment
                default:
                    if (line.indent() < indent) {
                        return line.kind().equals("key") && documented(lines, j); // the enclosing map
                    }
                    break; // a sibling, or a sibling's nested lines
            }
        }
        return false;
    }
}
