package io.consortia.cli;

import io.consortia.crypto.Pem;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a network started by {@code consortia up}: one directory per node (node.yaml and
 * its PEM files) and one per organisation under {@code orgs/} (user, admin and TLS client credentials).
 */
final class LocalNetwork {
    static final Path DEFAULT_DIR = Path.of(".consortia", "network");

    private final Path dir;

    LocalNetwork(Path dir) {
        this.dir = dir;
        if (!Files.isDirectory(dir.resolve("orgs"))) {
            throw new CliException("no network in " + dir.toAbsolutePath() + ": start one with ./consortia up");
        }
    }

    List<NodeConfig> nodes() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p.resolve("node.yaml")))
                    .map(p -> NodeConfigLoader.load(p.resolve("node.yaml")))
                    .sorted(java.util.Comparator.comparing(NodeConfig::nodeId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NodeConfig node(String nodeId) {
        return nodes().stream().filter(n -> nodeId == null || n.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new CliException("no node " + nodeId + " in " + dir));
    }

    Gateway gateway(NodeConfig node) {
        Path org = dir.resolve("orgs").resolve(node.organization());
        Identity user = Identity.of(node.organization(), cert(org.resolve("user.pem")), key(org.resolve("user.key")));
        return Gateway.newInstance().endpoint(node.api().host(), node.api().port()).identity(user)
                .tls(roots(), cert(org.resolve("client-tls.pem")), key(org.resolve("client-tls.key"))).connect();
    }

    AdminClient admin(NodeConfig node) {
        Path org = dir.resolve("orgs").resolve(node.organization());
        return AdminClient.newInstance().endpoint(node.api().host(), node.api().port())
                .tls(roots(), cert(org.resolve("client-tls.pem")), key(org.resolve("client-tls.key"))).connect();
    }

    private List<X509Certificate> roots() {
        return Pem.readCertificates(read(dir.resolve("tls-roots.pem")));
    }

    private static X509Certificate cert(Path file) {
        return Pem.readCertificate(read(file));
    }

    private static PrivateKey key(Path file) {
        return Pem.readPrivateKey(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
