package io.consortia.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders the chart with deploy/helm/render (Helm's engine: text/template + Sprig, built from
 * Debian's Go packages in GOPATH mode), as `helm template` would. Builds the renderer once per
 * JVM into target/helm-render.
 */
final class ChartRenderer {
    /** Debian's Go and the packages the renderer imports; scripts/test-all installs them. */
    static final String PACKAGES = "golang-1.19-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static Path binary;

    private final Path chart;

    /** The Consortia chart. */
    ChartRenderer() {
        this(Path.of(System.getProperty("consortia.helm.chart", "helm/consortia")));
    }

    ChartRenderer(Path chart) {
        this.chart = chart;
    }

    /** The result of one rendering: its exit status, error output and manifests. */
    record Result(int exitCode, String stderr, List<JsonNode> manifests) {
        List<JsonNode> ofKind(String kind) {
            return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        }

        JsonNode one(String kind, String name) {
            List<JsonNode> found = manifests.stream()
                    .filter(m -> kind.equals(m.path("kind").asText()) && name.equals(m.path("metadata").path("name").asText()))
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " " + kind + " named " + name + " in " + manifests);
            }
            return found.get(0);
        }
    }

    /** Renders release {@code name} in {@code namespace} with the given value files and --set pairs. */
    Result render(String name, String namespace, List<Path> valueFiles, Map<String, String> sets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(renderer().toString(), "--name", name, "--namespace", namespace, "--include-crds"));
        for (Path file : valueFiles) {
            command.add("-f");
            command.add(file.toString());
        }
        sets.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        command.add(chart.toString());
        // output to files: no pipe to fill while waiting
        Path out = Files.createTempFile("chart", ".yaml");
        Path err = Files.createTempFile("chart", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("the renderer did not finish");
            }
            List<JsonNode> manifests = new ArrayList<>();
            if (process.exitValue() == 0) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(out.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            manifests.add(doc);
                        }
                    }
                }
            }
            return new Result(process.exitValue(), Files.readString(err), manifests);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static synchronized Path renderer() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path go = Path.of("/usr/lib/go-1.19/bin/go");
        if (!Files.isExecutable(go)) {
            throw new IllegalStateException("Debian's Go is missing: apt-get install " + PACKAGES);
        }
        Path sources = Path.of(System.getProperty("consortia.helm.renderer", "helm/render"));
        Path build = Path.of(System.getProperty("consortia.helm.build", "target/helm-render"));
        Files.createDirectories(build);
        Path output = build.resolve("render").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(go.toString(), "build", "-o", output.toString(), ".")
                .directory(sources.toFile()).redirectErrorStream(true);
        builder.environment().put("GOPATH", "/usr/share/gocode");
        builder.environment().put("GO111MODULE", "off");
        builder.environment().put("GOFLAGS", "");
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("building the chart renderer failed (are " + PACKAGES + " installed?):\n" + log);
        }
        binary = output;
        return binary;
    }
}
