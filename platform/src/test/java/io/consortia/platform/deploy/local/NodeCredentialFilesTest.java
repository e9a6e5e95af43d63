package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewal replaces a node's certificate and key files where the node reads them, and nothing else. */
class NodeCredentialFilesTest {
    @TempDir
    Path directory;

    @Test
    void renewed_certificates_and_keys_replace_the_old_files_owner_only_and_leave_the_rest_alone() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, Duration.ofDays(10));
        NodeRecord node = new NodeRecord(1, "c1-org1-0", 1, 1, "127.0.0.1", 21001, 21002, 21003,
                directory.toString(), "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
        NodeFiles.write(node, new NodeInstallation("c1-org1-0", "org1", signing(ca), tls(ca), List.of(ca.tlsRoot())));
        String config = Files.readString(directory.resolve(NodeFiles.CONFIG));
        String roots = Files.readString(directory.resolve("tls-roots.pem"));

        IssuedCredential signing = signing(ca);
        IssuedCredential tls = tls(ca);
        LocalDeployer deployer = new LocalDeployer(org.mockito.Mockito.mock(io.consortia.platform.system.PlatformProperties.class),
                org.mockito.Mockito.mock(PortAllocator.class), org.mockito.Mockito.mock(NodeRuntime.class));
        // the step's detail names the node, not the platform's directories (organisation admins read it)
        assertThat(deployer.replaceCredentials(node, new NodeCredentials(signing, tls)))
                .isEqualTo("node.pem, node.key, tls.pem and tls.key of c1-org1-0 replaced")
                .doesNotContain(directory.toString());

        assertThat(Pem.readCertificate(Files.readString(directory.resolve("node.pem")))).isEqualTo(signing.certificate());
        assertThat(Files.readString(directory.resolve("node.key"))).isEqualTo(Pem.write(signing.privateKey()));
        assertThat(Pem.readCertificate(Files.readString(directory.resolve("tls.pem")))).isEqualTo(tls.certificate());
        assertThat(Files.readString(directory.resolve("tls.key"))).isEqualTo(Pem.write(tls.privateKey()));
        for (String file : List.of("node.pem", "node.key", "tls.pem", "tls.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(directory.resolve(NodeFiles.CONFIG))).isEqualTo(config);
        assertThat(Files.readString(directory.resolve("tls-roots.pem"))).isEqualTo(roots);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".next"));
        }
    }

    private static IssuedCredential signing(CertificateAuthority ca) {
        return ca.issue(CertificateRole.NODE, "c1-org1-0", Duration.ofDays(1));
    }

    private static IssuedCredential tls(CertificateAuthority ca) {
        return ca.issueTls(CertificateRole.NODE, "c1-org1-0", List.of("127.0.0.1"), Duration.ofDays(1));
    }
}
