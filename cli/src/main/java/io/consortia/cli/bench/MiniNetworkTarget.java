package io.consortia.cli.bench;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.launch.NodeJdk;
import io.consortia.sdk.Gateway;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNetworkBuilder;
import io.consortia.testkit.MiniNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A fresh network from the testkit: N organisations with one node each, channel "main", on loopback. */
final class MiniNetworkTarget implements BenchTarget {
    private final MiniNetwork network;
    private final boolean processes;
    private final NodeJdk jdk;
    private final List<TargetNode> nodes = new ArrayList<>();
    private final List<Gateway> adminGateways = new CopyOnWriteArrayList<>();
    private static final AtomicLong ADMIN_CLIENTS = new AtomicLong();

    private MiniNetworkTarget(MiniNetwork network, boolean processes, NodeJdk jdk) {
        this.network = network;
        this.processes = processes;
        this.jdk = jdk;
        for (MiniNode node : network.nodes()) {
            long pid = processes
                    ? ProcFs.find(ProcessHandle.current().children(), node.configFile().toString()).orElse(-1)
                    : -1;
            nodes.add(new TargetNode(node.nodeId(), node.organization(), node.apiPort(), node.metricsPort(), pid));
        }
    }

    /**
     * @param baseDir where node files go (kept), or null for a temporary directory deleted on close
     * @param nodeJvmOptions options of node processes (null: the testkit's default, -Xmx512m)
     * @param nodeJavaHome the JDK that runs node processes, or null for this JVM's
     */
    static MiniNetworkTarget start(int organizations, SignatureScheme scheme, boolean processes, Path baseDir,
            List<String> nodeJvmOptions, Path nodeJavaHome) {
        MiniNetworkBuilder builder = MiniNetwork.builder().organizations(organizations).nodesPerOrganization(1)
                .scheme(scheme).channel("main").processes(processes);
        if (baseDir != null) {
            builder.baseDir(baseDir.toAbsolutePath());
        }
        if (nodeJvmOptions != null && !nodeJvmOptions.isEmpty()) {
            builder.nodeJvmOptions(nodeJvmOptions.toArray(String[]::new));
        }
        NodeJdk jdk = nodeJavaHome == null ? NodeJdk.current() : NodeJdk.at(nodeJavaHome);
        if (nodeJavaHome != null) {
            builder.nodeJavaHome(nodeJavaHome);
        }
        return new MiniNetworkTarget(builder.start(), processes, jdk);
    }

    @Override
    public String description() {
        return network.organizations().size() + " organisations x 1 node, "
                + (processes ? "one JVM process per node" + onJdk() : "nodes inside the benchmark JVM")
                + " (testkit, loopback, mutual TLS)";
    }

    /** Which JDK runs the node processes, when it is not the bench's own. */
    private String onJdk() {
        return jdk.home().equals(NodeJdk.current().home()) ? "" : " on Java " + jdk.version() + " (" + jdk.home() + ")";
    }

    @Override
    public String mode() {
        return processes ? "processes" : "in-process";
    }

    @Override
    public SignatureScheme scheme() {
        return network.scheme();
    }

    @Override
    public List<TargetNode> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public List<String> organizations() {
        return network.organizations();
    }

    @Override
    public Gateway gateway(TargetNode node, boolean certificateIds, int submitCallsInFlight) {
        return network.gateway(network.node(node.id()), node.organization(), certificateIds, submitCallsInFlight);
    }

    @Override
    public Gateway adminGateway(TargetNode node) {
        // a TLS client certificate of its own, as a separate application of the organisation would have
        IssuedCredential tls = network.caFor(node.organization()).issueTls(CertificateRole.USER,
                "bench-admin-" + ADMIN_CLIENTS.incrementAndGet(), List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
        Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", node.apiPort())
                .identity(network.adminIdentity(node.organization()))
                .tls(network.tlsRoots(), tls.certificate(), tls.privateKey())
                .connect();
        adminGateways.add(gateway);
        return gateway;
    }

    @Override
    public void close() {
        adminGateways.forEach(Gateway::close);
        // gracefully: a node JVM told to write something at exit (a Java 25 AOT training run) writes nothing when killed
        network.stopAll();
        network.close();
    }
}
