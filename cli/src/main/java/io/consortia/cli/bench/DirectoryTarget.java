package io.consortia.cli.bench;

import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A running network described by a directory as {@code consortia up} writes it: one directory
 * per node with its {@code node.yaml}, and {@code orgs/<org>/} with each organisation's user and
 * TLS client credentials. The benchmark neither starts nor stops these nodes.
 */
final class DirectoryTarget implements BenchTarget {
    private final Path dir;
    private final List<NodeConfig> configs;
    private final List<TargetNode> nodes = new ArrayList<>();
    private final List<String> organizations;
    private final List<X509Certificate> tlsRoots;
    private final SignatureScheme scheme;
    private final List<Gateway> handedOut = new CopyOnWriteArrayList<>();

    DirectoryTarget(Path dir) {
        this.dir = dir.toAbsolutePath();
        if (!Files.isDirectory(this.dir.resolve("orgs"))) {
            throw new IllegalArgumentException("no network in " + this.dir + ": start one with ./consortia up");
        }
        try (Stream<Path> list = Files.list(this.dir)) {
            configs = list.filter(p -> Files.isRegularFile(p.resolve("node.yaml")))
                    .map(p -> NodeConfigLoader.load(p.resolve("node.yaml")))
                    .sorted(Comparator.comparing(NodeConfig::nodeId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("no node.yaml under " + this.dir);
        }
        for (NodeConfig c : configs) {
            String config = this.dir.resolve(c.nodeId()).resolve("node.yaml").toString();
            long pid = ProcFs.find(ProcessHandle.allProcesses(), config).orElse(-1);
            nodes.add(new TargetNode(c.nodeId(), c.organization(), c.api().port(), c.metrics().port(), pid));
        }
        organizations = configs.stream().map(NodeConfig::organization).distinct().sorted().toList();
        tlsRoots = Pem.readCertificates(read(this.dir.resolve("tls-roots.pem")));
        scheme = identity(organizations.get(0)).scheme();
    }

    private Identity identity(String organization) {
        Path org = dir.resolve("orgs").resolve(organization);
        return Identity.of(organization, Pem.readCertificate(read(org.resolve("user.pem"))),
                Pem.readPrivateKey(read(org.resolve("user.key"))));
    }

    @Override
    public String description() {
        return organizations.size() + " organisations, " + nodes.size() + " nodes, started by consortia up in " + dir;
    }

    @Override
    public String mode() {
        return "target";
    }

    @Override
    public SignatureScheme scheme() {
        return scheme;
    }

    @Override
    public List<TargetNode> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public List<String> organizations() {
        return organizations;
    }

    /** The organisation's ADMIN identity ({@code orgs/<org>/admin.pem}, {@code admin.key}), with its TLS client credentials. */
    @Override
    public Gateway adminGateway(TargetNode node) {
        NodeConfig config = configs.stream().filter(c -> c.nodeId().equals(node.id())).findFirst().orElseThrow();
        Path org = dir.resolve("orgs").resolve(node.organization());
        Gateway gateway = Gateway.newInstance().endpoint(config.api().host(), config.api().port())
                .identity(Identity.of(node.organization(), Pem.readCertificate(read(org.resolve("admin.pem"))),
                        Pem.readPrivateKey(read(org.resolve("admin.key")))))
                .tls(tlsRoots, Pem.readCertificate(read(org.resolve("client-tls.pem"))),
                        Pem.readPrivateKey(read(org.resolve("client-tls.key"))))
                .connect();
        handedOut.add(gateway);
        return gateway;
    }

    @Override
    public Gateway gateway(TargetNode node, boolean certificateIds, int submitCallsInFlight) {
        NodeConfig config = configs.stream().filter(c -> c.nodeId().equals(node.id())).findFirst().orElseThrow();
        Path org = dir.resolve("orgs").resolve(node.organization());
        Gateway gateway = Gateway.newInstance().endpoint(config.api().host(), config.api().port())
                .identity(identity(node.organization()))
                .tls(tlsRoots, Pem.readCertificate(read(org.resolve("client-tls.pem"))),
                        Pem.readPrivateKey(read(org.resolve("client-tls.key"))))
                .certificateIds(certificateIds)
                .submitCallsInFlight(submitCallsInFlight)
                .connect();
        handedOut.add(gateway);
        return gateway;
    }

    @Override
    public void close() {
        handedOut.forEach(Gateway::close);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
