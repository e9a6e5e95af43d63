package io.consortia.operator.manifests;

import io.consortia.operator.OperatorException;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.Crds;
import io.consortia.operator.desired.DesiredState;
import io.consortia.operator.desired.NetworkObjects;
import io.consortia.operator.desired.OrganizationObjects;
import io.consortia.operator.desired.PdbVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The manifests target for GitOps: a network as YAML files in {@code <dir>/<network>/}, the same
 * objects the operator applies ({@link NetworkObjects}), plus the CRD and the ConsortiaNetwork
 * itself. File names sort in apply order ({@code kubectl apply -f <dir>/<network>}): CRD, resource,
 * Namespace, then per organisation its ConfigMap, Services, StatefulSet, PodDisruptionBudget and
 * NetworkPolicy. Only what a person would write: no status, no server-assigned fields, and no owner
 * references (they name the resource's uid, which the cluster assigns; a running operator adds
 * them when it adopts the objects, so they are removed with the network as usual). Files of the
 * network that are no longer part of it (a removed organisation) are deleted.
 */
public final class ManifestWriter {
    private ManifestWriter() {}

    /** The files of a network, by name in apply order, as they would be written. */
    public static Map<String, HasMetadata> manifests(ConsortiaNetwork network, PdbVersion pdbVersion) {
        DesiredState desired = NetworkObjects.build(network, pdbVersion);
        Map<String, HasMetadata> files = new LinkedHashMap<>();
        files.put("00-crd.yaml", Crds.consortiaNetwork());
        files.put("01-consortianetwork.yaml", resourceAsWritten(network));
        files.put("02-namespace.yaml", withoutOwners(desired.namespace()));
        for (int i = 0; i < desired.organizations().size(); i++) {
            OrganizationObjects org = desired.organizations().get(i);
            String prefix = String.format("%02d-%s-", 10 + i, org.organization());
            files.put(prefix + "1-configmap.yaml", withoutOwners(org.configMap()));
            files.put(prefix + "2-peers-service.yaml", withoutOwners(org.peersService()));
            files.put(prefix + "3-service.yaml", withoutOwners(org.clientService()));
            files.put(prefix + "4-statefulset.yaml", withoutOwners(org.statefulSet()));
            files.put(prefix + "5-poddisruptionbudget.yaml", withoutOwners(org.podDisruptionBudget()));
            files.put(prefix + "6-networkpolicy.yaml", withoutOwners(org.networkPolicy()));
        }
        return files;
    }

    /** Writes the network's files into {@code dir/<network>/} and returns that directory. */
    public static Path write(ConsortiaNetwork network, PdbVersion pdbVersion, Path dir) {
        Map<String, HasMetadata> files = manifests(network, pdbVersion);
        Path target = dir.resolve(network.getMetadata().getName());
        try {
            Files.createDirectories(target);
            try (Stream<Path> existing = Files.list(target)) {
                for (Path file : existing.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                    if (!files.containsKey(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            for (Map.Entry<String, HasMetadata> file : files.entrySet()) {
                Files.writeString(target.resolve(file.getKey()), Serialization.asYaml(file.getValue()));
            }
        } catch (IOException e) {
            throw new OperatorException("cannot write the manifests of " + network.getMetadata().getName() + " to "
                    + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The resource as a person applies it: name, labels and annotations, spec; nothing from the server. */
    static ConsortiaNetwork resourceAsWritten(ConsortiaNetwork network) {
        ConsortiaNetwork copy = new ConsortiaNetwork();
        ObjectMeta meta = network.getMetadata();
        copy.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withLabels(meta.getLabels())
                .withAnnotations(withoutLastApplied(meta.getAnnotations())).build());
        copy.setSpec(Serialization.clone(network.getSpec()));
        return copy;
    }

    private static Map<String, String> withoutLastApplied(Map<String, String> annotations) {
        if (annotations == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>(annotations);
        copy.remove("kubectl.kubernetes.io/last-applied-configuration");
        return copy.isEmpty() ? null : copy;
    }

    static HasMetadata withoutOwners(HasMetadata object) {
        HasMetadata copy = Serialization.clone(object);
        copy.getMetadata().setOwnerReferences(List.of());
        copy.getMetadata().setOwnerReferences(null);
        return copy;
    }
}
