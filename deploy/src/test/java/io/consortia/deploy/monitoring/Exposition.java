package io.consortia.deploy.monitoring;

import java.util.Set;
import java.util.TreeSet;

/**
 * The series names in a Prometheus text exposition (what a node's /metrics and the platform's
 * /actuator/prometheus answer): the name of every sample line, and for every {@code # TYPE}
 * line the names its samples carry ({@code _bucket}, {@code _sum}, {@code _count} of a
 * histogram; {@code _total} of a counter), so that a metric with no sample yet still counts.
 */
final class Exposition {
    private Exposition() {}

    static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("# TYPE ")) {
                String[] parts = l.split("\\s+");
                if (parts.length >= 4) {
                    names.addAll(typed(parts[2], parts[3]));
                }
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                int end = 0;
                while (end < l.length() && l.charAt(end) != '{' && !Character.isWhitespace(l.charAt(end))) {
                    end++;
                }
                names.add(l.substring(0, end));
            }
        }
        return names;
    }

    private static Set<String> typed(String name, String type) {
        return switch (type) {
            case "histogram" -> Set.of(name, name + "_bucket", name + "_sum", name + "_count");
            case "summary" -> Set.of(name, name + "_sum", name + "_count");
            case "counter" -> name.endsWith("_total") ? Set.of(name) : Set.of(name, name + "_total");
            default -> Set.of(name);
        };
    }
}
