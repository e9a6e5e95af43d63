package io.consortia.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads, resolves and validates a {@link NodeConfig} YAML file. */
public final class NodeConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private NodeConfigLoader() {}

    public static NodeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        NodeConfig raw;
        try {
            raw = YAML.readValue(file.toFile(), NodeConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new ConfigException("invalid configuration " + file + ": missing " + e.getMessage(), e);
        }
        NodeConfig resolved = resolve(raw, file.toAbsolutePath().getParent());
        validate(resolved);
        return resolved;
    }

    /** Writes a configuration as YAML (used by fixtures and deployers that generate node files). */
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
                c.raft(), c.metrics(), c.batching(), c.limits());
    }

    public static void validate(NodeConfig c) {
        List<String> problems = new ArrayList<>();
        if (!c.nodeId().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.add("nodeId '" + c.nodeId() + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        if (c.organization().isBlank()) {
            problems.add("organization must not be blank");
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
