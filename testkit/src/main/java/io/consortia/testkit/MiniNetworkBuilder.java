package io.consortia.testkit;

import io.consortia.crypto.SignatureScheme;
import io.consortia.node.launch.NodeJdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link MiniNetwork}. Defaults: 3 organisations with 1 node each, ECDSA P-256,
 * channel "main", nodes inside the test JVM, a fresh temporary directory, 90 s to start.
 */
public final class MiniNetworkBuilder {
    int organizations = 3;
    int nodesPerOrganization = 1;
    SignatureScheme scheme = SignatureScheme.ECDSA_P256_SHA256;
    String channel = "main";
    boolean processes;
    Path baseDir;
    Duration startTimeout = Duration.ofSeconds(90);
    Duration certificateValidity = Duration.ofDays(30);
    List<String> nodeJvmOptions = List.of("-Xmx512m");
    Path classArchives = Path.of(System.getProperty("java.io.tmpdir"), "consortia-class-archives");
    NodeTuning tuning = NodeTuning.defaults();
    NodeJdk nodeJdk = NodeJdk.current();

    MiniNetworkBuilder() {}

    /** Number of member organisations, named org1..orgN. */
    public MiniNetworkBuilder organizations(int count) {
        this.organizations = positive(count, "organizations");
        return this;
    }

    /** Nodes of each organisation, named orgK-node0..; all of them are peers of the channel. */
    public MiniNetworkBuilder nodesPerOrganization(int count) {
        this.nodesPerOrganization = positive(count, "nodesPerOrganization");
        return this;
    }

    public MiniNetworkBuilder scheme(SignatureScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        return this;
    }

    /** Name of the channel created on every node; null for none (nodes start without a channel). */
    public MiniNetworkBuilder channel(String name) {
        this.channel = name;
        return this;
    }

    /**
     * true: every node is a separate JVM (a kill is a real SIGKILL, memory is separate);
     * false (default): nodes run inside the test JVM, which starts faster.
     */
    public MiniNetworkBuilder processes(boolean processes) {
        this.processes = processes;
        return this;
    }

    /** Where node directories go; kept after close. Default: a temporary directory, deleted on close. */
    public MiniNetworkBuilder baseDir(Path baseDir) {
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        return this;
    }

    /** How long a node may take to serve /health, and the channel to elect a leader. */
    public MiniNetworkBuilder startTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive");
        }
        this.startTimeout = timeout;
        return this;
    }

    /** Node settings that tests change (snapshot threshold, block size); production defaults otherwise. */
    public MiniNetworkBuilder tuning(NodeTuning tuning) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        return this;
    }

    /** JVM options of node processes; default {@code -Xmx512m}. */
    public MiniNetworkBuilder nodeJvmOptions(String... options) {
        this.nodeJvmOptions = List.of(Objects.requireNonNull(options, "options"));
        return this;
    }

    /**
     * The JDK whose {@code java} runs node processes (it must hold {@code bin/java} and a
     * {@code release} file); default: this JVM's. Lets a node runtime be measured on another Java
     * release while the test or benchmark itself stays on this one.
     */
    public MiniNetworkBuilder nodeJavaHome(Path home) {
        this.nodeJdk = NodeJdk.at(Objects.requireNonNull(home, "home"));
        return this;
    }

    /**
     * Where node processes keep their class data sharing archive (see
     * {@link io.consortia.node.launch.SharedClassArchive}); null: none. Default: a directory in
     * java.io.tmpdir, shared by every network of this JDK and classpath.
     */
    public MiniNetworkBuilder classArchives(Path directory) {
        this.classArchives = directory;
        return this;
    }

    /**
     * Creates the certificates and files, starts every node, waits until all serve, creates the
     * channel and waits until every node knows its Raft leader. On failure, prints the nodes'
     * logs to stderr, stops everything and rethrows.
     */
    public MiniNetwork start() {
        return MiniNetwork.start(this);
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
        }
        return value;
    }
}
