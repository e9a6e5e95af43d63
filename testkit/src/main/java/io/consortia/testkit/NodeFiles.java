package io.consortia.testkit;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Writes what a node needs to start, as an operator would: node.yaml plus the PEM files it
 * names (relative paths, so a directory can be copied or inspected as is), and a logback.xml
 * that keeps process logs at INFO. Organisation files go to {@code orgs/<name>/} for tools
 * (CLI tests) that need a user's or admin's credentials as files.
 */
final class NodeFiles {
    private NodeFiles() {}

    /** Issues the node's signing and TLS certificates from its organisation's CA and writes every file. */
    static void write(NodeLayout layout, Organization organization, List<X509Certificate> tlsRoots, Duration validity) {
        write(layout, organization, tlsRoots, validity, NodeTuning.defaults());
    }

    static void write(NodeLayout layout, Organization organization, List<X509Certificate> tlsRoots, Duration validity,
                      NodeTuning tuning) {
        writeCredentials(layout, organization, validity);
        Path dir = layout.directory();
        writeString(dir.resolve("tls-roots.pem"), Pem.writeAll(tlsRoots));
        NodeConfigLoader.write(config(layout, tuning), layout.configFile());
        writeString(layout.logbackFile(), LOGBACK);
    }

    /**
     * Issues the node a new signing and a new TLS certificate from its organisation's CA and
     * replaces its files (the old certificates stay valid until they expire or are revoked).
     */
    static void writeCredentials(NodeLayout layout, Organization organization, Duration validity) {
        IssuedCredential identity = organization.ca().issue(CertificateRole.NODE, layout.nodeId(), validity);
        IssuedCredential tls = organization.ca().issueTls(CertificateRole.NODE, layout.nodeId(), Organization.LOOPBACK,
                validity);
        Path dir = layout.directory();
        // key before certificate: a reader in between sees the old pair or a mismatch it refuses, never a wrong pair
        writeString(dir.resolve("node.key"), Pem.write(identity.privateKey()));
        writeString(dir.resolve("node.pem"), Pem.write(identity.certificate()));
        writeString(dir.resolve("tls.key"), Pem.write(tls.privateKey()));
        writeString(dir.resolve("tls.pem"), Pem.write(tls.certificate()));
    }

    /** The node's configuration: the standard layout on loopback, with the test's tuning. */
    static NodeConfig config(NodeLayout layout, NodeTuning tuning) {
        NodeConfig config = NodeConfig.standardLayout(layout.nodeId(), layout.organization(), NodeLayout.HOST,
                layout.apiPort(), layout.raftPort(), layout.metricsPort());
        return config
                .withRaft(new NodeConfig.Raft(NodeLayout.HOST, layout.raftPort(), tuning.snapshotThreshold(), 0, 0,
                        tuning.logSegmentBytes()))
                .withBatching(new NodeConfig.Batching(tuning.maxTransactionsPerBlock(), 0, tuning.maxDelayMillis(), 0));
    }

    /** {@code orgs/<name>/} for each organisation, and the network's {@code tls-roots.pem}. */
    static void writeOrganizations(Path baseDir, Collection<Organization> organizations,
            List<X509Certificate> tlsRoots) {
        for (Organization organization : organizations) {
            writeOrganization(baseDir.resolve("orgs"), organization, tlsRoots);
        }
        writeString(baseDir.resolve("tls-roots.pem"), Pem.writeAll(tlsRoots));
    }

    static void writeOrganization(Path orgsDir, Organization organization, List<X509Certificate> tlsRoots) {
        Path dir = orgsDir.resolve(organization.name());
        writeString(dir.resolve("ca.pem"), Pem.write(organization.ca().root()));
        writeString(dir.resolve("tls-ca.pem"), Pem.write(organization.ca().tlsRoot()));
        writeString(dir.resolve("admin.pem"), Pem.write(organization.admin().certificate()));
        writeString(dir.resolve("admin.key"), Pem.write(organization.admin().privateKey()));
        writeString(dir.resolve("user.pem"), Pem.write(organization.user().certificate()));
        writeString(dir.resolve("user.key"), Pem.write(organization.user().privateKey()));
        writeString(dir.resolve("client-tls.pem"), Pem.write(organization.clientTls().certificate()));
        writeString(dir.resolve("client-tls.key"), Pem.write(organization.clientTls().privateKey()));
        writeString(dir.resolve("tls-roots.pem"), Pem.writeAll(tlsRoots));
    }

    /**
     * Writes {@code file} owner-only (0600), creating missing directories 0700, whatever the
     * umask: the directories hold private keys, and with the usual umask 022 every local user
     * could read an organisation's admin key. Permissions are set at creation, then set exactly
     * (the umask can only take bits off); an existing file is restricted before it is rewritten.
     * On file systems without POSIX permissions they are left as they are.
     */
    static void writeString(Path file, String content) {
        try {
            createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } catch (FileAlreadyExistsException e) {
                // replaced below, once owner-only
            } catch (UnsupportedOperationException e) {
                Files.writeString(file, content);
                return;
            }
            Files.setPosixFilePermissions(file, OWNER_FILE);
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Like {@link Files#createDirectories}, but each directory it creates is 0700 (existing ones are left). */
    static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return; // created meanwhile by another thread: its creator set it
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
            return;
        }
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
    }

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final String LOGBACK = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.ratis" level="WARN"/>
              <root level="INFO"><appender-ref ref="out"/></root>
            </configuration>
            """;
}
