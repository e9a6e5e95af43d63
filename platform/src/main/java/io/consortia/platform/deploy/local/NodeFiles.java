package io.consortia.platform.deploy.local;

import io.consortia.crypto.Pem;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a node's directory as an operator would: {@code node.yaml} (see
 * docs/node-configuration.md), PEM files, {@code logback.xml}; every file 0600 and the
 * directories 0700 (the node's files are the data directory's, which is owner-only).
 */
final class NodeFiles {
    static final String CONFIG = "node.yaml";
    static final String LOG = "node.log";
    static final String LOGBACK = "logback.xml";

    private NodeFiles() {}

    static void write(NodeRecord node, NodeInstallation installation) {
        Path dir = Path.of(node.directory());
        try {
            ownerOnlyDirectory(dir);
            ownerOnlyDirectory(dir.resolve("data"));
            if (!Files.exists(dir.resolve(LOG))) {
                writePrivate(dir.resolve(LOG), ""); // the node's output is appended to it, keeping its mode
            }
            writePublic(dir.resolve("node.pem"), Pem.write(installation.signing().certificate()));
            writePrivate(dir.resolve("node.key"), Pem.write(installation.signing().privateKey()));
            writePublic(dir.resolve("tls.pem"), Pem.write(installation.tls().certificate()));
            writePrivate(dir.resolve("tls.key"), Pem.write(installation.tls().privateKey()));
            writePublic(dir.resolve("tls-roots.pem"), Pem.writeAll(installation.trustedTlsRoots()));
            writePublic(dir.resolve(LOGBACK), LOGBACK_XML);
            NodeConfigLoader.write(config(node, installation.organization()), dir.resolve(CONFIG));
            try {
                Files.setPosixFilePermissions(dir.resolve(CONFIG), PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions here
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the files of node " + node.nodeId() + " in " + dir, e);
        }
    }

    /**
     * Replaces the node's certificates and keys, each file by an atomic move of a complete new
     * one, keys before certificates: a node that reads them meanwhile finds either the old or the
     * new pair; the platform asks it to reload only after the last move.
     */
    static void replaceCredentials(NodeRecord node, io.consortia.platform.custody.NodeCredentials credentials) {
        Path dir = Path.of(node.directory());
        try {
            replace(dir.resolve("node.key"), Pem.write(credentials.signing().privateKey()));
            replace(dir.resolve("node.pem"), Pem.write(credentials.signing().certificate()));
            replace(dir.resolve("tls.key"), Pem.write(credentials.tls().privateKey()));
            replace(dir.resolve("tls.pem"), Pem.write(credentials.tls().certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace the certificates of node " + node.nodeId() + " in " + dir, e);
        }
    }

    /** Replaces the node's trusted TLS roots, read when it starts, by an atomic move of a complete new file. */
    static void replaceTrustedRoots(NodeRecord node, java.util.List<java.security.cert.X509Certificate> roots) {
        Path dir = Path.of(node.directory());
        try {
            replace(dir.resolve("tls-roots.pem"), Pem.writeAll(roots));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace the TLS roots of node " + node.nodeId() + " in " + dir, e);
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        writePrivate(next, content);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static NodeConfig config(NodeRecord node, String organization) {
        return NodeConfig.standardLayout(node.nodeId(), organization, node.host(), node.apiPort(), node.raftPort(),
                node.metricsPort());
    }

    /** Certificates and configuration are not secret, but everything in the data directory is owner-only. */
    private static void writePublic(Path file, String content) throws IOException {
        writePrivate(file, content);
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static final String LOGBACK_XML = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.ratis" level="WARN"/>
              <root level="INFO"><appender-ref ref="out"/></root>
            </configuration>
            """;
}
