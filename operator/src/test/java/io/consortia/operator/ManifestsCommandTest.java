package io.consortia.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.operator.api.ConsortiaNetwork;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ManifestsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new OperatorMain());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void helpNamesTheCommandAsTheUserTypedIt() {
        String before = System.getProperty(OperatorMain.COMMAND_NAME);
        System.setProperty(OperatorMain.COMMAND_NAME, "consortia"); // as the consortia script sets it
        try {
            CommandLine command = OperatorMain.commandLine();
            command.setOut(new PrintWriter(out, true));
            assertThat(command.execute("manifests", "--help")).isZero();
        } finally {
            if (before == null) {
                System.clearProperty(OperatorMain.COMMAND_NAME);
            } else {
                System.setProperty(OperatorMain.COMMAND_NAME, before);
            }
        }
        assertThat(out.toString()).startsWith("Usage: consortia manifests ").doesNotContain("OperatorMain");
    }

    @Test
    void writesTheNetworksFilesFromItsResource() throws Exception {
        ConsortiaNetwork network = TestNetworks.network("acme", 2, 1).network();
        Path file = dir.resolve("acme.yaml");
        Files.writeString(file, Serialization.asYaml(network));

        int code = run("manifests", "-f", file.toString(), "-o", dir.resolve("gitops").toString(), "--pdb-api", "POLICY_V1BETA1");

        assertThat(code).as(err.toString()).isZero();
        Path target = dir.resolve("gitops/acme");
        List<String> names;
        try (Stream<Path> files = Files.list(target)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(15).contains("01-consortianetwork.yaml", "10-org1-4-statefulset.yaml",
                "11-org2-5-poddisruptionbudget.yaml");
        assertThat(Files.readString(target.resolve("11-org2-5-poddisruptionbudget.yaml"))).contains("policy/v1beta1");
        assertThat(out.toString()).contains("wrote 15 files to " + target);
        for (String name : names) {
            assertThat(Files.readString(target.resolve(name))).as(name).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void refusesWhatIsNotANetworkAndWritesNothing() throws Exception {
        Path file = dir.resolve("not-a-network.yaml");
        Files.writeString(file, "just: [a, list\n");

        int code = run("manifests", "-f", file.toString(), "-o", dir.resolve("gitops").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read a ConsortiaNetwork from " + file);
        assertThat(dir.resolve("gitops")).doesNotExist();
    }

    @Test
    void refusesASpecCarryingAPrivateKeyAndWritesNothing() throws Exception {
        ConsortiaNetwork network = TestNetworks.network("leaky", 1, 1).network();
        network.getSpec().getOrganizations().get(0).setRootCertificate(
                "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n");
        Path file = dir.resolve("leaky.yaml");
        Files.writeString(file, Serialization.asYaml(network));

        int code = run("manifests", "-f", file.toString(), "-o", dir.resolve("gitops").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("manifests:").doesNotContain("MIGH");
        assertThat(dir.resolve("gitops/leaky")).doesNotExist();
    }

    @Test
    void refusesAPrivateKeyInAnyOtherFieldOrAnnotation() throws Exception {
        ConsortiaNetwork network = TestNetworks.network("leaky2", 1, 1).network();
        String key = "-----BEGIN PRIVATE KEY-----\nMIGHSECRET\n-----END PRIVATE KEY-----\n";
        network.getSpec().setConsortium("Alliance " + key);
        network.getMetadata().setAnnotations(java.util.Map.of("backup", key));
        Path file = dir.resolve("leaky2.yaml");
        Files.writeString(file, Serialization.asYaml(network));

        int code = run("manifests", "-f", file.toString(), "-o", dir.resolve("gitops").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("spec.consortium holds a private key")
                .contains("metadata.annotations.backup holds a private key").doesNotContain("MIGHSECRET");
        assertThat(dir.resolve("gitops/leaky2")).doesNotExist();
    }
}
