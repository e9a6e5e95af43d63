package io.consortia.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads, resolves and validates a {@link NodeConfig} YAML file. */
public final class NodeConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .findAndRegisterModules()
            // paths as written (relative to the file), not as Jackson's default absolute file: URIs
            .registerModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    /** Node ids and organisation names: they go into certificates' subjects and file names. */
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    /**
     * Settings that must be positive when given; absent, they take their default. The two that
     * also take 0 (computed) are in {@link #ZERO_MEANS_COMPUTED}.
     */
    private static final Map<String, List<String>> POSITIVE = Map.of(
            "raft", List.of("snapshotThreshold", "electionTimeoutMinMillis", "electionTimeoutMaxMillis",
                    "segmentSizeMaxBytes"),
            "batching", List.of("maxTransactions", "maxBytes", "maxDelayMillis", "maxInFlight"),
            "limits", List.of("maxTransactionBytes", "timestampWindowMillis", "verifyThreads"),
            "wasm", List.of("fuelPerCall", "memoryPagesPerCall"));
    private static final List<String> ZERO_MEANS_COMPUTED = List.of("raft.segmentSizeMaxBytes", "limits.verifyThreads");

    private NodeConfigLoader() {}

    public static NodeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        NodeConfig raw;
        List<String> refused;
        try {
            JsonNode tree = YAML.readTree(file.toFile());
            refused = nonPositive(tree);
            raw = YAML.treeToValue(tree, NodeConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new ConfigException("invalid configuration " + file + ": missing " + e.getMessage(), e);
        }
        if (!refused.isEmpty()) {
            throw new ConfigException("invalid node configuration " + file + ": " + NodeConfig.describe(refused));
        }
        NodeConfig resolved = resolve(raw, file.toAbsolutePath().getParent());
        validate(resolved);
        return resolved;
    }

    /**
     * The settings given as 0 or less where the node would otherwise quietly use its default:
     * a typo an operator should hear about, named by its path.
     */
    private static List<String> nonPositive(JsonNode tree) {
        List<String> problems = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            return problems;
        }
        POSITIVE.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(section -> {
            JsonNode values = tree.get(section.getKey());
            for (String field : section.getValue()) {
                JsonNode value = values == null ? null : values.get(field);
                String name = section.getKey() + "." + field;
                if (value == null || !value.isNumber()) {
                    continue; // absent: the default; not a number: Jackson says so
                }
                boolean zeroAllowed = ZERO_MEANS_COMPUTED.contains(name);
                if (value.asDouble() < 0 || (value.asDouble() == 0 && !zeroAllowed)) {
                    problems.add(name + " must be " + (zeroAllowed ? "0 (computed) or more" : "positive")
                            + ", was " + value.asText() + " (leave it out for the default)");
                }
            }
        });
        return problems;
    }

    /**
     * Writes a configuration as YAML: the node files of the platform's local deployer and of
     * the testkit. Paths are written as given, so relative ones stay relative to the file.
     */
    public static void write(NodeConfig config, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            YAML.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new ConfigException("cannot write configuration " + file + ": " + e.getMessage(), e);
        }
    }

    static NodeConfig resolve(NodeConfig c, Path base) {
        NodeConfig.Identity id = new NodeConfig.Identity(
                abs(base, c.identity().certificate()), abs(base, c.identity().privateKey()));
        NodeConfig.Tls tls = new NodeConfig.Tls(c.tls().enabled(), abs(base, c.tls().certificate()),
                abs(base, c.tls().privateKey()), abs(base, c.tls().trustedRoots()));
        return new NodeConfig(c.nodeId(), c.organization(), abs(base, c.dataDir()), id, tls, c.api(),
                c.raft(), c.metrics(), c.batching(), c.limits(), c.wasm());
    }

    public static void validate(NodeConfig c) {
        List<String> problems = new ArrayList<>();
        if (!c.nodeId().matches(NAME)) {
            problems.add("nodeId '" + c.nodeId() + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        if (!c.organization().matches(NAME)) {
            problems.add("organization '" + c.organization() + "' must be 1-63 letters, digits, '.', '_' or '-'"
                    + " (it is the O= of the node's certificates)");
        }
        requireFile(problems, "identity.certificate", c.identity().certificate());
        requireFile(problems, "identity.privateKey", c.identity().privateKey());
        if (c.tls().enabled()) {
            requireFile(problems, "tls.certificate", c.tls().certificate());
            requireFile(problems, "tls.privateKey", c.tls().privateKey());
            requireFile(problems, "tls.trustedRoots", c.tls().trustedRoots());
        }
        requirePort(problems, "api.port", c.api().port());
        requirePort(problems, "raft.port", c.raft().port());
        requirePort(problems, "metrics.port", c.metrics().port());
        if (c.api().port() == c.raft().port() || c.api().port() == c.metrics().port()
                || c.raft().port() == c.metrics().port()) {
            problems.add("api, raft and metrics ports must differ");
        }
        if (c.raft().electionTimeoutMaxMillis() <= c.raft().electionTimeoutMinMillis()) {
            problems.add("raft.electionTimeoutMaxMillis must exceed raft.electionTimeoutMinMillis");
        }
        if (c.wasm().memoryPagesPerCall() > 65536) {
            problems.add("wasm.memoryPagesPerCall must be at most 65536 (4 GiB), was " + c.wasm().memoryPagesPerCall());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid node configuration: " + NodeConfig.describe(problems));
        }
    }

    private static void requireFile(List<String> problems, String name, Path p) {
        if (p == null) {
            problems.add(name + " is required");
        } else if (!Files.isReadable(p)) {
            problems.add(name + " " + p + " is not a readable file");
        }
    }

    private static void requirePort(List<String> problems, String name, int port) {
        if (port < 1 || port > 65535) {
            problems.add(name + " must be between 1 and 65535, was " + port);
        }
    }

    private static Path abs(Path base, Path p) {
        return p == null ? null : base.resolve(p).normalize();
    }
}
