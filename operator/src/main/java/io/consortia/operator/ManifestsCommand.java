package io.consortia.operator;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.manifests.ManifestWriter;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code OperatorMain manifests -f network.yaml -o dir}: the GitOps target. Writes the objects the
 * operator would apply for a ConsortiaNetwork as YAML files in {@code dir/<network>/}, for a
 * repository that Argo CD or Flux applies. The resource usually comes from the platform
 * ({@code kubectl get cnet NAME -o yaml}); its private keys never do: the keys Secrets it names
 * are created apart (docs/kubernetes.md).
 */
@Command(name = "manifests", mixinStandardHelpOptions = true,
        description = "Writes a ConsortiaNetwork's objects as YAML files (one directory per network) instead of applying them.")
final class ManifestsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--network"}, required = true, description = "a ConsortiaNetwork as YAML or JSON")
    Path network;

    @Option(names = {"-o", "--out"}, required = true, description = "directory that receives <network>/*.yaml")
    Path out;

    @Option(names = "--pdb-api", defaultValue = "POLICY_V1",
            description = "PodDisruptionBudget API of the target cluster: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; "
                    + "POLICY_V1BETA1 for Kubernetes before 1.21)")
    PdbVersion pdbApi;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConsortiaNetwork resource;
        try (InputStream in = Files.newInputStream(network)) {
            resource = Serialization.unmarshal(in, ConsortiaNetwork.class);
        } catch (IOException | RuntimeException e) {
            err.println("manifests: cannot read a ConsortiaNetwork from " + network + ": " + e.getMessage());
            return 2;
        }
        if (resource == null || resource.getMetadata() == null || resource.getMetadata().getName() == null
                || resource.getSpec() == null) {
            err.println("manifests: " + network + " holds no ConsortiaNetwork with a name and a spec");
            return 2;
        }
        Path dir;
        try {
            dir = ManifestWriter.write(resource, pdbApi, out);
        } catch (OperatorException e) {
            err.println("manifests: " + e.getMessage());
            return 2;
        }
        try (Stream<Path> files = Files.list(dir)) {
            spec.commandLine().getOut().println("wrote " + files.count() + " files to " + dir
                    + " (apply with: kubectl apply -f " + dir + ")");
        } catch (IOException e) {
            spec.commandLine().getOut().println("wrote " + dir);
        }
        return 0;
    }
}
