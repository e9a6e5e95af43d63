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
 * docs/node-configuration.md), PEM files (private keys with mode 0600), {@code logback.xml}.
 */
final class NodeFiles {
    static final String CONFIG = "node.yaml";
    static final String LOG = "node.log";
    static final String LOGBACK = "logback.xml";

    private NodeFiles() {}

    static void write(NodeRecord node, NodeInstallation installation) {
        Path dir = Path.of(node.directory());
        try {
            Files.createDirectories(dir.resolve("data"));
            writePublic(dir.resolve("node.pem"), Pem.write(installation.signing().certificate()));
            writePrivate(dir.resolve("node.key"), Pem.write(installation.signing().privateKey()));
            writePublic(dir.resolve("tls.pem"), Pem.write(installation.tls().certificate()));
            writePrivate(dir.resolve("tls.key"), Pem.write(installation.tls().privateKey()));
            writePublic(dir.resolve("tls-roots.pem"), Pem.writeAll(installation.trustedTlsRoots()));
            writePublic(dir.resolve(LOGBACK), LOGBACK_XML);
            NodeConfigLoader.write(config(node, installation.organization()), dir.resolve(CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the files of node " + node.nodeId() + " in " + dir, e);
        }
    }

    static NodeConfig config(NodeRecord node, String organization) {
        return NodeConfig.standardLayout(node.nodeId(), organization, node.host(), node.apiPort(), node.raftPort(),
                node.metricsPort());
    }

    private static void writePublic(Path file, String content) throws IOException {
        Files.writeString(file, content);
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
