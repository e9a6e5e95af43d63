package io.consortia.kubetest.kubelet;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Containers are local processes without a filesystem of their own, so the paths a Pod spec names (its volume
 * mounts) are moved under the Pod's root directory: {@code /etc/consortia/config} becomes
 * {@code <podRoot>/etc/consortia/config}. A mount path is replaced wherever it stands as a whole path or path
 * prefix: at the start of a string or after one of {@code = : , ; ' " space}, and followed by the end, {@code /} or
 * one of those characters.
 */
final class PathRewriter {
    private static final String BEFORE = "(?<=^|[=:,;'\"\\s])";
    private static final String AFTER = "(?=$|[/=:,;'\"\\s])";

    private final Map<String, String> mapping;
    private final Pattern pattern;

    PathRewriter(Path root, List<String> mountPaths) {
        Map<String, String> map = new LinkedHashMap<>();
        mountPaths.stream().map(PathRewriter::normalize).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(path -> map.put(path, root + path));
        this.mapping = map;
        this.pattern = map.isEmpty() ? null : Pattern.compile(BEFORE + "("
                + map.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")" + AFTER,
                Pattern.MULTILINE);
    }

    String rewrite(String text) {
        if (pattern == null || text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(mapping.get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code mountPath=hostPath} pairs separated by {@code ;}, for processes that translate paths themselves. */
    String describe() {
        return mapping.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    static String normalize(String mountPath) {
        String path = mountPath.startsWith("/") ? mountPath : "/" + mountPath;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
