package io.consortia.node;

import io.consortia.node.api.ApiServer;
import io.consortia.node.backup.RestoreStage;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.metrics.HealthDocument;
import io.consortia.node.metrics.MetricsHttpServer;
import io.consortia.node.metrics.NodeMetrics;
import io.consortia.node.security.NodeIdentity;
import io.consortia.node.security.TlsMaterial;
import io.consortia.node.util.MoreFiles;
import io.consortia.protocol.v1.NodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running blockchain node: Raft groups (one per channel), ledgers, the gRPC API and the metrics
 * endpoint. {@link #start(NodeConfig)} returns once everything listens; {@link #close()} stops it.
 * Several nodes may run in one JVM (tests); production runs one per process ({@link NodeMain}).
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final ChannelManager channels;
    private final ApiServer api;
    private final MetricsHttpServer metricsServer;
    private volatile boolean closed;

    private Node(NodeConfig config) throws IOException {
        this.config = config;
        long started = System.currentTimeMillis();
        NodeIdentity identity = NodeIdentity.load(config.identity(), config.organization());
        Files.createDirectories(config.dataDir());
        MoreFiles.deleteRecursively(config.dataDir().resolve("tmp"));
        // before the channels open their ledgers and Raft storage, which a restore replaces
        Optional<RestoreStage.Outcome> restored = RestoreStage.applyIfStaged(config);
        TlsMaterial tls = config.tls().enabled() ? TlsMaterial.load(config.tls()) : null;
        if (tls == null) {
            LOG.warn("TLS is disabled: anyone who reaches the ports can administer this node (development only)");
        }
        NodeMetrics metrics = new NodeMetrics();
        this.channels = new ChannelManager(config, tls, metrics, ContractRegistry.builtIns());
        this.api = new ApiServer(config, tls, identity, channels, started, restored);
        RaftMetrics.register(metrics, channels);
        metrics.registerResources(config.dataDir());
        channels.start();
        api.start();
        this.metricsServer = new MetricsHttpServer(config.metrics().host(), config.metrics().port(), metrics,
                this::health);
    }

    public static Node start(NodeConfig config) {
        try {
            Node node = new Node(config);
            LOG.info("node {} of {} started: api {}, raft {}, metrics {}", config.nodeId(), config.organization(),
                    config.api().address(), config.raft().address(), config.metrics().address());
            return node;
        } catch (IOException e) {
            throw new NodeException("node " + config.nodeId() + " failed to start: " + e.getMessage(), e);
        }
    }

    public static Node start(java.nio.file.Path configFile) {
        return start(NodeConfigLoader.load(configFile));
    }

    public NodeConfig config() {
        return config;
    }

    public NodeStatus status() {
        return api.status();
    }

    private MetricsHttpServer.Health health() {
        if (closed) {
            return new MetricsHttpServer.Health(false, HealthDocument.down());
        }
        // A stopped Raft member comes back when the node restarts, so a liveness probe should
        // restart it: 503. Unusable files do not heal on a restart: those stay 200, listed.
        Map<String, String> stopped = channels.stoppedMembers();
        Map<String, String> failed = new HashMap<>(channels.failed());
        failed.putAll(stopped);
        // A channel without leader (no majority running) stays 200, DEGRADED: see HealthDocument.up.
        return new MetricsHttpServer.Health(stopped.isEmpty(), stopped.isEmpty() ? HealthDocument.up(api.status(), failed)
                : HealthDocument.of("DOWN", api.status(), failed));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        metricsServer.close();
        api.close();
        channels.close();
        LOG.info("node {} stopped", config.nodeId());
    }
}
