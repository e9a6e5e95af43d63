package io.consortia.testkit;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.ChannelBootstrap;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Consortia network on loopback for tests: one CA per organisation, real nodes (in this
 * JVM or as processes) with mutual TLS, and a channel with an elected Raft leader. Whatever
 * happens, {@link #close()} — and, if the JVM exits first, a shutdown hook — stops every node.
 *
 * <pre>{@code
 * try (MiniNetwork network = MiniNetwork.builder()
 *         .organizations(3).nodesPerOrganization(1)
 *         .scheme(SignatureScheme.SM2_SM3)
 *         .processes(true)
 *         .start()) {
 *     Contract notarization = network.gateway(0).channel("main").contract("notarization");
 *     SubmitResult result = notarization.submit("record", documentHash);
 *     network.awaitHeight(result.blockNumber() + 1);   // every node has the block
 * }
 * }</pre>
 *
 * <p>Files live under {@code baseDir/<nodeId>/} (node.yaml, PEM files, data/, node.log) and
 * {@code baseDir/orgs/<org>/} (CA, admin, user and TLS client credentials). A temporary
 * base directory is deleted on close unless {@code -Dconsortia.keepTestData=true}.
 * Call {@link #dumpLogs()} from a failing test to print the tail of every node's log.
 */
public final class MiniNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MiniNetwork.class);
    static final String KEEP_TEST_DATA = "consortia.keepTestData";

    private final MiniNetworkBuilder spec;
    private final Path baseDir;
    private final boolean temporary;
    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private final List<X509Certificate> tlsRoots = new ArrayList<>();
    private final List<MiniNode> nodes = new CopyOnWriteArrayList<>();
    private final Map<String, AdminClient> probes = new ConcurrentHashMap<>();
    private final List<AutoCloseable> handedOut = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::killQuietly, "mini-network-shutdown");
    private volatile ChannelConfig channelConfig;
    /** Nodes that serve the channel now: its peers, as far as this network changed them. */
    private final java.util.Set<String> members = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MiniNetwork(MiniNetworkBuilder spec) throws IOException {
        this.spec = spec;
        this.temporary = spec.baseDir == null;
        this.baseDir = temporary ? Files.createTempDirectory("consortia-mininet-") : spec.baseDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        for (int i = 1; i <= spec.organizations; i++) {
            Organization organization = Organization.create("org" + i, spec.scheme, spec.certificateValidity);
            organizations.put(organization.name(), organization);
            tlsRoots.add(organization.ca().tlsRoot());
        }
        NodeFiles.writeOrganizations(baseDir, organizations.values(), tlsRoots);
    }

    public static MiniNetworkBuilder builder() {
        return new MiniNetworkBuilder();
    }

    static MiniNetwork start(MiniNetworkBuilder spec) {
        MiniNetwork network;
        try {
            network = new MiniNetwork(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the network directory", e);
        }
        try {
            network.launch();
            return network;
        } catch (RuntimeException | Error e) {
            network.dumpLogs();
            network.close();
            throw e;
        }
    }

    private void launch() {
        LOG.info("Starting {} organisations x {} nodes ({}, {}) in {}", spec.organizations, spec.nodesPerOrganization,
                spec.scheme, spec.processes ? "processes" : "in-process", baseDir);
        for (Organization organization : organizations.values()) {
            for (int i = 0; i < spec.nodesPerOrganization; i++) {
                nodes.add(newNode(organization));
            }
        }
        nodes.forEach(MiniNode::launch);    // processes boot in parallel
        nodes.forEach(MiniNode::awaitHealthy);
        if (spec.channel != null) {
            Map<String, X509Certificate> roots = new LinkedHashMap<>();
            organizations.values().forEach(o -> roots.put(o.name(), o.ca().root()));
            ChannelConfig.Builder config = ChannelBootstrap.config(spec.channel, spec.scheme, roots);
            nodes.forEach(node -> config.addPeers(Peer.newBuilder()
                    .setNodeId(node.nodeId())
                    .setOrganization(node.organization())
                    .setRaftAddress(node.layout().raftAddress())
                    .setApiAddress(node.layout().apiAddress())));
            channelConfig = config.build();
            ChannelBootstrap.create(channelConfig, probes(nodes), spec.startTimeout);
            nodes.forEach(node -> members.add(node.nodeId()));
        }
        nodes.forEach(MiniNode::recordClassArchive); // at most one node records it, once per classpath
        LOG.info("Network up: {}", nodes);
    }

    private MiniNode newNode(Organization organization) {
        long index = nodes.stream().filter(n -> n.organization().equals(organization.name())).count();
        NodeLayout layout = NodeLayout.allocate(organization.name() + "-node" + index, organization.name(), baseDir);
        NodeFiles.write(layout, organization, tlsRoots, spec.certificateValidity, spec.tuning);
        NodeRunner runner = spec.processes
                ? new ProcessNodeRunner(layout, spec.nodeJvmOptions, spec.classArchives, spec.nodeJdk)
                : new InProcessNodeRunner(layout);
        return new MiniNode(layout, runner, spec.startTimeout);
    }

    /** Every node, in creation order: org1's nodes first. */
    public List<MiniNode> nodes() {
        return List.copyOf(nodes);
    }

    /** A node by id, e.g. {@code "org2-node0"}. */
    public MiniNode node(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + nodeId + " in " + nodes()));
    }

    /** A gateway to the node at the index, acting as the user of that node's organisation. Closed with the network. */
    public Gateway gateway(int nodeIndex) {
        MiniNode node = nodes.get(nodeIndex);
        return gateway(node, node.organization());
    }

    /** A gateway to the node, acting as the user of the organisation (any member may use any node). */
    public Gateway gateway(MiniNode node, String organization) {
        return gateway(node, organization, true);
    }

    /** As {@link #gateway(MiniNode, String)}; see {@link Gateway.Builder#certificateIds} for the flag. */
    public Gateway gateway(MiniNode node, String organization, boolean certificateIds) {
        return gateway(node, organization, certificateIds, Gateway.DEFAULT_SUBMIT_CALLS_IN_FLIGHT);
    }

    /** As {@link #gateway(MiniNode, String, boolean)}; see {@link Gateway.Builder#submitCallsInFlight}. */
    public Gateway gateway(MiniNode node, String organization, boolean certificateIds, int submitCallsInFlight) {
        Objects.requireNonNull(node, "node");
        return track(Clients.gateway(node, organization(organization), tlsRoots, certificateIds, submitCallsInFlight));
    }

    /** An admin client of the node, with its organisation's TLS client certificate. Closed with the network. */
    public AdminClient admin(MiniNode node) {
        Objects.requireNonNull(node, "node");
        return track(Clients.admin(node, organization(node.organization()), tlsRoots));
    }

    /** The configuration the channel was created with. */
    public ChannelConfig channelConfig() {
        if (channelConfig == null) {
            throw new IllegalStateException("The network was started without a channel");
        }
        return channelConfig;
    }

    /** The user identity of the organisation. */
    public Identity identity(String organization) {
        return organization(organization).userIdentity();
    }

    public Identity adminIdentity(String organization) {
        return organization(organization).adminIdentity();
    }

    public CertificateAuthority caFor(String organization) {
        return organization(organization).ca();
    }

    /** Names of the member organisations: org1..orgN. */
    public List<String> organizations() {
        return List.copyOf(organizations.keySet());
    }

    /** Every organisation's TLS root: what a client must trust. */
    public List<X509Certificate> tlsRoots() {
        return List.copyOf(tlsRoots);
    }

    public SignatureScheme scheme() {
        return spec.scheme;
    }

    public Path baseDir() {
        return baseDir;
    }

    /**
     * Starts a new node of the organisation with fresh certificates and ports, and waits until
     * it serves. It is not a peer of the channel: join it with {@code admin(node).joinChannel(...)}.
     */
    public MiniNode addNode(String organization) {
        MiniNode node = newNode(organization(organization));
        nodes.add(node);
        node.launch();
        node.awaitHealthy();
        return node;
    }

    /** Waits until every running node has the channel with at least {@code height} blocks. */
    public void awaitHeight(long height) {
        awaitHeight(height, spec.startTimeout);
    }

    public void awaitHeight(long height, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ChannelBootstrap.awaitHeight(channelConfig().getName(), height, probes(servingAndRunning()), timeout);
    }

    /** Waits until every running node of the channel knows a Raft leader (after a kill, for example). */
    public void awaitLeader() {
        ChannelBootstrap.awaitLeader(channelConfig().getName(), probes(servingAndRunning()), spec.startTimeout);
    }

    /** Running nodes that serve the channel (its peers, including learners that joined; not removed ones). */
    public List<MiniNode> servingNodes() {
        return servingAndRunning();
    }

    private List<MiniNode> servingAndRunning() {
        return running().stream().filter(n -> members.contains(n.nodeId())).toList();
    }

    // ---- living networks: configuration changes, membership, credentials ---------------------------

    /** The channel's configuration in force, as a serving node reports it. */
    public ChannelConfig currentConfig() {
        MiniNode via = servingAndRunning().get(0);
        return gateway(via, via.organization()).channel(channelConfig().getName()).config().getConfig();
    }

    /**
     * Submits a change of the channel's configuration, edited from the version in force, signed by
     * the admin of every organisation of that version that this network created, and waits for its
     * commit. Returns the node's answer: a refused change is answered, not thrown.
     */
    public io.consortia.protocol.v1.SubmitResponse changeConfig(
            java.util.function.UnaryOperator<io.consortia.sdk.ConfigChanges> edit) {
        ChannelConfig current = currentConfig();
        List<String> signers = current.getOrganizationsList().stream().map(o -> o.getName())
                .filter(organizations::containsKey).toList();
        return changeConfig(edit, signers);
    }

    /** As {@link #changeConfig(java.util.function.UnaryOperator)}, signed by these organisations' admins only. */
    public io.consortia.protocol.v1.SubmitResponse changeConfig(
            java.util.function.UnaryOperator<io.consortia.sdk.ConfigChanges> edit, List<String> signers) {
        ChannelConfig current = currentConfig();
        io.consortia.protocol.v1.ConfigUpdate update = edit.apply(io.consortia.sdk.ConfigChanges.next(current)).build();
        List<io.consortia.protocol.v1.ConfigSignature> signatures = signers.stream()
                .map(org -> io.consortia.sdk.ConfigChanges.sign(update, adminIdentity(org))).toList();
        MiniNode via = servingAndRunning().get(0);
        io.consortia.protocol.v1.SubmitResponse response = gateway(via, via.organization())
                .channel(channelConfig().getName())
                .submitConfigUpdate(io.consortia.sdk.ConfigChanges.assemble(update, signatures));
        LOG.info("Configuration change to version {}: {} {} {}", update.getConfig().getVersion(), response.getStatus(),
                response.getCode(), response.getReason());
        return response;
    }

    private void requireValid(io.consortia.protocol.v1.SubmitResponse response, String what) {
        if (response.getCode() != io.consortia.protocol.v1.ValidationCode.VALID
                || response.getStatus() != io.consortia.protocol.v1.TransactionStatus.COMMITTED) {
            throw new IllegalStateException(what + " was not committed: " + response.getStatus() + " "
                    + response.getCode() + " " + response.getReason());
        }
    }

    /**
     * Adds a node of the organisation to the running channel the way an operator does: new files
     * and certificates from the organisation's CA, the process started, a configuration change
     * that adds it as a LEARNER committed, then JoinChannel with the configuration in force (the
     * node installs a checkpoint from a peer and catches up from the log as a Raft listener).
     */
    public MiniNode addLearner(String organization) {
        MiniNode node = addNode(organization);
        requireValid(changeConfig(c -> c.addLearner(node.nodeId(), node.organization(), node.layout().raftAddress(),
                node.layout().apiAddress())), "adding " + node.nodeId() + " as a learner");
        admin(node).joinChannel(currentConfig());
        members.add(node.nodeId());
        return node;
    }

    /** Commits a configuration change that makes the learner a voter. */
    public void promote(MiniNode node) {
        requireValid(changeConfig(c -> c.promote(node.nodeId())), "promoting " + node.nodeId());
    }

    /** Commits a configuration change that makes the voter a learner. */
    public void demote(MiniNode node) {
        requireValid(changeConfig(c -> c.demote(node.nodeId())), "demoting " + node.nodeId());
    }

    /** Commits a configuration change that removes the learner from the channel; it stops serving it. */
    public void removePeer(MiniNode node) {
        requireValid(changeConfig(c -> c.removePeer(node.nodeId())), "removing " + node.nodeId());
        members.remove(node.nodeId());
    }

    /** The node's credentials as its files hold them now. */
    public NodeCredentials credentials(MiniNode node) {
        return NodeCredentials.read(node.directory());
    }

    /**
     * Rotates the node's signing and TLS certificates: new ones from its organisation's CA replace
     * its files, then AdminService.ReloadCredentials makes the running node use them for new
     * connections. The old ones stay valid (same CA) until they expire or are revoked.
     */
    public io.consortia.protocol.v1.ReloadCredentialsResponse rotateCredentials(MiniNode node) {
        NodeFiles.writeCredentials(node.layout(), organization(node.organization()), spec.certificateValidity);
        io.grpc.ManagedChannel channel = connect(node, organization(node.organization()).clientTls().certificate(),
                organization(node.organization()).clientTls().privateKey());
        try {
            return io.consortia.protocol.v1.AdminServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                    .reloadCredentials(io.consortia.protocol.v1.ReloadCredentialsRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * A raw gRPC connection to the node's API presenting this client certificate (e.g. a node's
     * TLS certificate, to act as that node towards a peer). The caller closes it.
     */
    public io.grpc.ManagedChannel connect(MiniNode node, X509Certificate certificate, java.security.PrivateKey key) {
        try {
            return io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(NodeLayout.HOST, node.apiPort())
                    .sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forClient()
                            .keyManager(key, certificate).trustManager(tlsRoots).build())
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("Cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** Prints the last 100 lines of every node's log to stderr, for a failing test's report. */
    public void dumpLogs() {
        for (MiniNode node : nodes) {
            System.err.println("===== " + node.nodeId() + " (" + node.logFile() + ") =====");
            System.err.println(LogTail.read(node.logFile(), 100));
        }
    }

    /**
     * Shuts every running node down gracefully (SIGTERM), all at once, and waits until they have exited. Unlike
     * {@link #close()}, which kills, this lets each JVM finish what it writes at exit (a Java 25 AOT cache being
     * trained, a flight recording).
     */
    public void stopAll() {
        running().parallelStream().forEach(node -> {
            try {
                node.stop();
            } catch (RuntimeException e) {
                LOG.warn("Cannot stop {}: {}", node.nodeId(), e.toString());
            }
        });
    }

    /** Stops every node at once and releases every client; deletes a temporary base directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        handedOut.forEach(MiniNetwork::closeQuietly);
        probes.values().forEach(MiniNetwork::closeQuietly);
        killQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        if (temporary && !Boolean.getBoolean(KEEP_TEST_DATA)) {
            try {
                Directories.deleteRecursively(baseDir);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", baseDir, e.toString());
            }
        } else {
            LOG.info("Test data kept in {}", baseDir);
        }
    }

    private void killQuietly() {
        nodes.parallelStream().forEach(node -> {
            try {
                node.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Cannot stop {}: {}", node.nodeId(), e.toString());
            }
        });
    }

    private List<MiniNode> running() {
        return nodes.stream().filter(MiniNode::isRunning).toList();
    }

    /** The nodes' probes by node id, in the nodes' order. */
    private Map<String, AdminClient> probes(List<MiniNode> of) {
        Map<String, AdminClient> byId = new LinkedHashMap<>();
        of.forEach(node -> byId.put(node.nodeId(), probe(node)));
        return byId;
    }

    private AdminClient probe(MiniNode node) {
        return probes.computeIfAbsent(node.nodeId(),
                id -> Clients.admin(node, organization(node.organization()), tlsRoots));
    }

    private Organization organization(String name) {
        Objects.requireNonNull(name, "organization");
        Organization organization = organizations.get(name);
        if (organization == null) {
            throw new IllegalArgumentException("No organisation " + name + "; the network has " + organizations.keySet());
        }
        return organization;
    }

    private <T extends AutoCloseable> T track(T client) {
        handedOut.add(client);
        return client;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure to close {}: {}", closeable, e.toString());
        }
    }
}
