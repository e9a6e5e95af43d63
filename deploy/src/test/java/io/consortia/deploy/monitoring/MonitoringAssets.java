package io.consortia.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The PromQL of what deploy/ ships for Prometheus and Grafana: every alert rule's {@code expr}
 * under prometheus/ and every panel target's {@code expr} and template-variable query of the
 * dashboards under grafana/, each with where it comes from.
 */
final class MonitoringAssets {
    /** Series Prometheus makes itself for every scrape target: exported by nobody, always there. */
    static final Set<String> PROMETHEUS_BUILT_IN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One expression: its source (file and rule or panel) and the metric names it reads. */
    record Expression(String where, String text, Set<String> metrics) {}

    private MonitoringAssets() {}

    /** Everything under {@code deployDir}/prometheus (rule files) and {@code deployDir}/grafana. */
    static List<Expression> load(Path deployDir) {
        List<Expression> all = new ArrayList<>();
        for (Path rules : files(deployDir.resolve("prometheus"), "-rules.yaml")) {
            all.addAll(rules(rules));
        }
        for (Path dashboard : files(deployDir.resolve("grafana"), ".json")) {
            all.addAll(dashboard(dashboard));
        }
        return all;
    }

    static List<Expression> rules(Path file) {
        JsonNode root = read(YAML, file);
        List<Expression> out = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
                String expr = rule.path("expr").asText();
                out.add(new Expression(file.getFileName() + " " + name, expr, PromQl.metricNames(expr)));
            }
        }
        return out;
    }

    static List<Expression> dashboard(Path file) {
        JsonNode root = read(JSON, file);
        List<Expression> out = new ArrayList<>();
        panels(file.getFileName().toString(), root.path("panels"), out);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            out.add(new Expression(file.getFileName() + " variable " + variable.path("name").asText(), text,
                    PromQl.templateQueryMetricNames(text)));
        }
        return out;
    }

    private static void panels(String file, JsonNode panels, List<Expression> out) {
        for (JsonNode panel : panels) {
            panels(file, panel.path("panels"), out); // panels inside a collapsed row
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                out.add(new Expression(file + " panel \"" + panel.path("title").asText() + "\" "
                        + target.path("refId").asText(), expr, PromQl.metricNames(expr)));
            }
        }
    }

    /**
     * The metric names {@code expressions} read that are in neither {@code exported} nor
     * {@link #PROMETHEUS_BUILT_IN}, by where they are read; empty when everything is exported.
     */
    static Map<String, Set<String>> notExported(List<Expression> expressions, Set<String> exported) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (Expression e : expressions) {
            for (String metric : e.metrics()) {
                if (!exported.contains(metric) && !PROMETHEUS_BUILT_IN.contains(metric)) {
                    missing.computeIfAbsent(e.where(), w -> new TreeSet<>()).add(metric);
                }
            }
        }
        return missing;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }
}
