package io.consortia.platform.deploy.local;

import io.consortia.common.Poll;
import io.consortia.common.Processes;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.ChannelBootstrap;
import io.consortia.sdk.Contract;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two throwaway nodes of a one-organisation consortium (their own one-day CA, free loopback
 * ports) that do, once, what every deployed node does in its first seconds: serve, create a
 * channel together, elect a leader over mutual TLS, and commit a notarization. Used by
 * {@link ClassArchiveRehearsal}: the classes a node loads on that path are the ones worth
 * having in the class data archive, because four nodes of a new network load them at the same
 * time on the deployment's critical path.
 */
final class RehearsalNetwork implements AutoCloseable {
    static final String ORGANIZATION = "rehearsal";
    private static final String CHANNEL = "rehearsal";
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final CertificateAuthority ca = CertificateAuthority.create(ORGANIZATION,
            SignatureScheme.ECDSA_P256_SHA256, VALIDITY);
    private final IssuedCredential clientTls = ca.issueTls(CertificateRole.ADMIN, "client@" + ORGANIZATION,
            List.of(LocalDeployer.HOST, "localhost"), VALIDITY);
    private final List<NodeRecord> nodes = new ArrayList<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    /** The nodes die with the platform even if the rehearsal's thread dies without its finally. */
    private final Thread stopOnExit = new Thread(this::destroy, "class-archive-rehearsal-stop");
    private boolean hooked;

    /** Writes the files of one more node under {@code directory}. */
    NodeRecord add(Path directory) throws IOException {
        String nodeId = "class-archive-rehearsal-" + (nodes.size() + 1);
        NodeRecord node = new NodeRecord(0, nodeId, 0, 0, LocalDeployer.HOST, freePort(), freePort(), freePort(),
                directory.toString(), "RUNNING", NodeStatus.STARTING, null, 0, null, System.currentTimeMillis());
        NodeFiles.write(node, new NodeInstallation(nodeId, ORGANIZATION, ca.issue(CertificateRole.NODE, nodeId, VALIDITY),
                ca.issueTls(CertificateRole.NODE, nodeId, List.of(LocalDeployer.HOST, "localhost"), VALIDITY),
                List.of(ca.tlsRoot())));
        nodes.add(node);
        return node;
    }

    /**
     * Starts node {@code index} with this command line, at low CPU priority where the system has
     * {@code nice}: a deployment made while the rehearsal runs then gets the cores first (its
     * nodes start without the archive, as they would anyway, instead of also competing with the
     * rehearsal), and an idle machine runs the rehearsal at full speed. Its output goes to its
     * log file.
     */
    Process start(int index, List<String> command) throws IOException {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            hooked = true;
        }
        Path directory = Path.of(nodes.get(index).directory());
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            line.addAll(List.of(NICE.toString(), "-n", "15"));
        }
        line.addAll(command);
        Process process = new ProcessBuilder(line)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(directory.resolve(NodeFiles.LOG).toFile()))
                .start();
        processes.add(process);
        return process;
    }

    /** Whether every started node answers its health check within the timeout. */
    boolean awaitServing() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; i < processes.size(); i++) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + nodes.get(i).host() + ":"
                    + nodes.get(i).metricsPort() + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
            Process process = processes.get(i);
            boolean serving = Poll.until(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    Duration.ofMillis(250),
                    () -> answers(http, health) ? Boolean.TRUE : process.isAlive() ? null : Boolean.FALSE)
                    .orElse(false);
            if (!serving) {
                return false;
            }
        }
        return true;
    }

    private static boolean answers(HttpClient http, HttpRequest health) {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the poll's next wait ends with it
            return false;
        }
    }

    /**
     * Creates the channel on every node (in parallel: a node finishes creating its Raft group only
     * once a majority has it), waits for its leader, commits one notarization through the first
     * node and reads it back. Returns the index of the leader's node.
     */
    int exercise() {
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        String leader;
        try {
            nodes.forEach(node -> admins.put(node.nodeId(), admin(node)));
            leader = ChannelBootstrap.create(channel(), admins, TIMEOUT);
        } finally {
            admins.values().forEach(AdminClient::close);
        }
        IssuedCredential user = ca.issue(CertificateRole.USER, "user@" + ORGANIZATION, VALIDITY);
        Gateway.Builder builder = Gateway.newInstance()
                .identity(Identity.of(ORGANIZATION, user.certificate(), user.privateKey()))
                .tls(List.of(ca.tlsRoot()), clientTls.certificate(), clientTls.privateKey())
                .commitTimeout(TIMEOUT)
                .requestTimeout(Duration.ofSeconds(30));
        builder.endpoint(nodes.get(0).host(), nodes.get(0).apiPort());
        try (Gateway gateway = builder.connect()) {
            Contract notarization = gateway.channel(CHANNEL).contract("notarization");
            byte[] document = new byte[32];
            ThreadLocalRandom.current().nextBytes(document);
            String hash = HexFormat.of().formatHex(document);
            notarization.submit("record", hash, "class archive rehearsal");
            notarization.evaluate("get", hash);
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).nodeId().equals(leader)) {
                return i;
            }
        }
        throw new IllegalStateException("the rehearsal channel's leader " + leader + " is none of its nodes");
    }

    private ChannelConfig channel() {
        ChannelConfig.Builder config = ChannelBootstrap.config(CHANNEL, SignatureScheme.ECDSA_P256_SHA256,
                Map.of(ORGANIZATION, ca.root()));
        for (NodeRecord node : nodes) {
            config.addPeers(Peer.newBuilder().setNodeId(node.nodeId()).setOrganization(ORGANIZATION)
                    .setRaftAddress(node.raftAddress()).setApiAddress(node.apiAddress()));
        }
        return config.build();
    }

    private AdminClient admin(NodeRecord node) {
        return AdminClient.newInstance()
                .endpoint(node.host(), node.apiPort())
                .tls(List.of(ca.tlsRoot()), clientTls.certificate(), clientTls.privateKey())
                .timeout(Duration.ofSeconds(30))
                .connect();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Asks every node to stop (SIGTERM), waits up to {@code grace} for them, kills the rest.
     * Returns whether all of them stopped by themselves (only then has a node recording the
     * class archive at exit written it whole).
     */
    boolean stop(Duration grace) {
        return Processes.stopAll(processes.stream().map(Process::toHandle).toList(), grace);
    }

    private void destroy() {
        processes.forEach(Process::destroyForcibly);
    }

    @Override
    public void close() {
        destroy();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; nothing to remove
            }
        }
    }
}
