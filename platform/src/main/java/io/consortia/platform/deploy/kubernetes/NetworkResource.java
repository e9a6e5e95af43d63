package io.consortia.platform.deploy.kubernetes;

import io.consortia.crypto.Pem;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkSpec;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.api.PlatformSpec;
import io.consortia.operator.api.SignatureScheme;
import io.consortia.operator.api.StorageSpec;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.deploy.NetworkPlan;
import io.consortia.platform.system.KubernetesProperties;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConsortiaNetwork a plan becomes: public material only (certificates, roots, names); the
 * keys go to {@link OrganizationKeys}. Channels already recorded on the cluster are kept, so that
 * applying a plan again does not forget them.
 */
final class NetworkResource {
    private NetworkResource() {}

    static ConsortiaNetwork desired(NetworkPlan plan, KubernetesProperties properties, List<ChannelSpec> channels) {
        String name = KubernetesNames.network(plan.consortium());
        ConsortiaNetworkSpec spec = new ConsortiaNetworkSpec();
        spec.setConsortium(plan.consortium().name());
        spec.setNamespace(KubernetesNames.namespace(properties.namespacePrefix(), name));
        spec.setSignatureScheme(plan.consortium().signatureScheme() == SchemeChoice.SM2 ? SignatureScheme.SM2
                : SignatureScheme.P256);
        spec.setImage(properties.nodeImage());
        spec.setImagePullPolicy(properties.imagePullPolicy().isBlank() ? null : properties.imagePullPolicy());
        spec.setStorage(new StorageSpec(properties.storageClass().isBlank() ? null : properties.storageClass(),
                properties.storageSize()));
        spec.setResources(resources(properties.resources()));
        spec.setPlatform(new PlatformSpec(properties.platform().namespace(),
                new LinkedHashMap<>(new java.util.TreeMap<>(properties.platform().podLabels()))));
        List<OrganizationSpec> organizations = new ArrayList<>();
        for (NetworkPlan.Member member : plan.members()) {
            organizations.add(organization(member));
        }
        spec.setOrganizations(organizations);
        spec.setChannels(new ArrayList<>(channels));
        ConsortiaNetwork network = new ConsortiaNetwork();
        network.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .addToLabels(KubernetesNames.CONSORTIUM_ID_LABEL, Long.toString(plan.consortium().id()))
                .addToLabels(KubernetesNames.PART_OF_LABEL, "consortia")
                .addToLabels(KubernetesNames.MANAGED_BY_LABEL, "consortia-platform")
                .addToFinalizers(KubernetesNames.PLATFORM_FINALIZER)
                .build());
        network.setSpec(spec);
        return network;
    }

    /** One member's entry: its StatefulSet, roots, keys Secret and nodes' certificates (public material only). */
    static OrganizationSpec organization(NetworkPlan.Member member) {
        String statefulSet = OrganizationKeys.statefulSet(member);
        List<NodeSpec> nodes = member.nodes().stream().map(n -> new NodeSpec(
                Pem.write(n.installation().signing().certificate()),
                Pem.write(n.installation().tls().certificate()))).toList();
        return new OrganizationSpec(statefulSet, member.organization().name(), Pem.write(member.root()),
                Pem.write(member.tlsRoot()), KubernetesNames.keysSecret(statefulSet), new ArrayList<>(nodes));
    }

    /** Whether the resource on the cluster already says what {@code desired} says (labels included). */
    static boolean same(ConsortiaNetwork existing, ConsortiaNetwork desired) {
        if (existing == null || !desired.getSpec().equals(existing.getSpec())) {
            return false;
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        List<String> finalizers = existing.getMetadata().getFinalizers();
        return labels != null && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && finalizers != null && finalizers.contains(KubernetesNames.PLATFORM_FINALIZER);
    }

    private static ResourceRequirements resources(KubernetesProperties.Resources resources) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        put(requests, "cpu", resources.cpuRequest());
        put(requests, "memory", resources.memoryRequest());
        put(limits, "cpu", resources.cpuLimit());
        put(limits, "memory", resources.memoryLimit());
        if (!requests.isEmpty()) {
            builder.withRequests(requests);
        }
        if (!limits.isEmpty()) {
            builder.withLimits(limits);
        }
        return builder.build();
    }

    private static void put(Map<String, Quantity> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, new Quantity(value));
        }
    }
}
