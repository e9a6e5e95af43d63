package io.consortia.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Certificates;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeFilesTest {
    private static final Duration VALIDITY = Duration.ofDays(1);

    @TempDir
    Path baseDir;

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void the_generated_configuration_is_accepted_by_the_node_and_names_the_allocated_ports(SignatureScheme scheme)
            throws Exception {
        Organization org1 = Organization.create("org1", scheme, VALIDITY);
        Organization org2 = Organization.create("org2", scheme, VALIDITY);
        NodeLayout layout = NodeLayout.allocate("org1-node0", "org1", baseDir);

        NodeFiles.write(layout, org1, List.of(org1.ca().tlsRoot(), org2.ca().tlsRoot()), VALIDITY);

        NodeConfig config = NodeConfigLoader.load(layout.configFile());
        assertThat(config.nodeId()).isEqualTo("org1-node0");
        assertThat(config.organization()).isEqualTo("org1");
        assertThat(config.dataDir()).isEqualTo(layout.dataDir());
        assertThat(config.api().port()).isEqualTo(layout.apiPort());
        assertThat(config.raft().port()).isEqualTo(layout.raftPort());
        assertThat(config.metrics().port()).isEqualTo(layout.metricsPort());
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.tls().trustedRoots()).isEqualTo(layout.directory().resolve("tls-roots.pem"));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void the_node_certificates_belong_to_its_organisation_and_tls_trusts_every_organisation(SignatureScheme scheme)
            throws Exception {
        Organization org1 = Organization.create("org1", scheme, VALIDITY);
        Organization org2 = Organization.create("org2", scheme, VALIDITY);
        NodeLayout layout = NodeLayout.allocate("org1-node0", "org1", baseDir);

        NodeFiles.write(layout, org1, List.of(org1.ca().tlsRoot(), org2.ca().tlsRoot()), VALIDITY);

        Path dir = layout.directory();
        X509Certificate node = Pem.readCertificate(Files.readString(dir.resolve("node.pem")));
        assertThat(Certificates.organization(node)).isEqualTo("org1");
        assertThat(Certificates.commonName(node)).isEqualTo("org1-node0");
        Certificates.validate(node, List.of(org1.ca().root()), java.time.Instant.now());
        assertThat(scheme.signer(Pem.readPrivateKey(Files.readString(dir.resolve("node.key")))).publicKey()
                .getEncoded()).isEqualTo(node.getPublicKey().getEncoded());
        X509Certificate tls = Pem.readCertificate(Files.readString(dir.resolve("tls.pem")));
        Certificates.validate(tls, List.of(org1.ca().tlsRoot()), java.time.Instant.now());
        assertThat(Pem.readCertificates(Files.readString(dir.resolve("tls-roots.pem"))))
                .containsExactly(org1.ca().tlsRoot(), org2.ca().tlsRoot());
        assertThat(layout.logbackFile()).exists();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void organisation_files_hold_loadable_credentials(SignatureScheme scheme) throws Exception {
        Organization org1 = Organization.create("org1", scheme, VALIDITY);

        NodeFiles.writeOrganization(baseDir, org1, List.of(org1.ca().tlsRoot()));

        Path dir = baseDir.resolve("org1");
        assertThat(Pem.readCertificate(Files.readString(dir.resolve("ca.pem")))).isEqualTo(org1.ca().root());
        var user = io.consortia.sdk.Identity.of("org1",
                Pem.readCertificate(Files.readString(dir.resolve("user.pem"))),
                Pem.readPrivateKey(Files.readString(dir.resolve("user.key"))));
        assertThat(user.scheme()).isEqualTo(scheme);
        assertThat(dir.resolve("client-tls.pem")).exists();
        assertThat(dir.resolve("client-tls.key")).exists();
    }
}
