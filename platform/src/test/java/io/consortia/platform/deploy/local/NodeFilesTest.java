package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFilesTest {
    @TempDir
    Path directory;

    @Test
    void the_written_directory_is_accepted_by_the_node_and_private_keys_are_owner_only() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, Duration.ofDays(1));
        NodeRecord node = new NodeRecord(1, "c1-org1-0", 1, 1, "127.0.0.1", 21001, 21002, 21003,
                directory.toString(), "STOPPED", NodeStatus.CREATED, null, 0, null, 0);
        NodeFiles.write(node, new NodeInstallation("c1-org1-0", "org1",
                ca.issue(CertificateRole.NODE, "c1-org1-0", Duration.ofDays(1)),
                ca.issueTls("c1-org1-0", List.of("127.0.0.1"), Duration.ofDays(1)), List.of(ca.tlsRoot())));

        NodeConfig config = NodeConfigLoader.load(directory.resolve(NodeFiles.CONFIG));
        assertThat(config.nodeId()).isEqualTo("c1-org1-0");
        assertThat(config.organization()).isEqualTo("org1");
        for (String key : List.of("node.key", "tls.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(key))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void the_trusted_roots_are_replaced_whole_and_stay_owner_only() throws Exception {
        CertificateAuthority org1 = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, Duration.ofDays(1));
        CertificateAuthority org2 = CertificateAuthority.create("org2", SignatureScheme.ECDSA_P256_SHA256, Duration.ofDays(1));
        NodeRecord node = new NodeRecord(1, "c1-org1-0", 1, 1, "127.0.0.1", 21001, 21002, 21003,
                directory.toString(), "STOPPED", NodeStatus.CREATED, null, 0, null, 0);
        NodeFiles.write(node, new NodeInstallation("c1-org1-0", "org1",
                org1.issue(CertificateRole.NODE, "c1-org1-0", Duration.ofDays(1)),
                org1.issueTls("c1-org1-0", List.of("127.0.0.1"), Duration.ofDays(1)),
                List.of(org1.tlsRoot(), org2.tlsRoot())));

        // the step's detail names the node, not the platform's directories (organisation admins read it)
        LocalDeployer deployer = new LocalDeployer(org.mockito.Mockito.mock(io.consortia.platform.system.PlatformProperties.class),
                org.mockito.Mockito.mock(PortAllocator.class), org.mockito.Mockito.mock(NodeRuntime.class));
        assertThat(deployer.replaceTrustedRoots(node, List.of(org1.tlsRoot())))
                .isEqualTo("the tls-roots.pem of c1-org1-0 lists 1 roots").doesNotContain(directory.toString());
        Path bundle = NodeConfigLoader.load(directory.resolve(NodeFiles.CONFIG)).tls().trustedRoots();
        assertThat(io.consortia.crypto.Pem.readCertificates(Files.readString(bundle))).containsExactly(org1.tlsRoot());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rw-------");
        assertThat(directory.resolve("tls-roots.pem.next")).doesNotExist();
    }

    @Test
    void nodes_run_with_this_jvms_classpath_or_through_the_boot_launcher_inside_an_executable_jar() {
        List<String> plain = NodeCommand.of(directory, Path.of("/opt/jdk-25/bin/java"), List.of("-Xmx256m"),
                "/a.jar:/b.jar");
        assertThat(plain.get(0)).as("the node JDK's java, not necessarily this JVM's").isEqualTo("/opt/jdk-25/bin/java");
        assertThat(plain).containsSubsequence("-Xmx256m", "-cp", "/a.jar:/b.jar", NodeCommand.NODE_MAIN, "--config",
                directory.resolve(NodeFiles.CONFIG).toString());
        assertThat(NodeCommand.isBootJar("/a.jar:/b.jar")).isFalse();
        assertThat(NodeCommand.isBootJar("/no/such/platform.jar")).isFalse();
    }
}
