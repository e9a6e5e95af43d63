package io.consortia.platform.deploy.kubernetes;

import io.consortia.crypto.Pem;
import io.consortia.platform.deploy.NetworkPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organisation's Secret {@code <statefulset>-keys}: the only place the nodes' private keys
 * go ({@code <pod>-node.key}, {@code <pod>-tls.key}, PEM). Owned by the ConsortiaNetwork, so the
 * cluster deletes it with the network; the operator mounts it into the pods, read-only 0400.
 */
final class OrganizationKeys {
    static final String NODE_KEY = "-node.key";
    static final String TLS_KEY = "-tls.key";

    private OrganizationKeys() {}

    static Secret secret(String namespace, String network, NetworkPlan.Member member, HasMetadata owner) {
        String statefulSet = statefulSet(member);
        Map<String, String> data = new TreeMap<>();
        for (NetworkPlan.PlannedNode node : member.nodes()) {
            data.putAll(nodeKeys(node.record().nodeId(), node.installation().signing().privateKey(),
                    node.installation().tls().privateKey()));
        }
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(KubernetesNames.keysSecret(statefulSet))
                    .withNamespace(namespace)
                    .addToLabels(KubernetesNames.PART_OF_LABEL, "consortia")
                    .addToLabels(KubernetesNames.MANAGED_BY_LABEL, "consortia-platform")
                    .addToLabels(KubernetesNames.NETWORK_LABEL, network)
                    .addToLabels("consortia.io/organization", statefulSet)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(owner.getApiVersion())
                            .withKind(owner.getKind())
                            .withName(owner.getMetadata().getName())
                            .withUid(owner.getMetadata().getUid())
                            .withBlockOwnerDeletion(false)
                            .withController(false)
                            .build())
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** One pod's two entries of the Secret's data (base64 of PEM), as the operator mounts them. */
    static Map<String, String> nodeKeys(String pod, PrivateKey signing, PrivateKey tls) {
        return Map.of(pod + NODE_KEY, base64(Pem.write(signing)), pod + TLS_KEY, base64(Pem.write(tls)));
    }

    /** The organisation's StatefulSet: its nodes' ids without the index. */
    static String statefulSet(NetworkPlan.Member member) {
        if (member.nodes().isEmpty()) {
            throw new IllegalArgumentException("Organisation " + member.organization().name() + " has no node");
        }
        return KubernetesNames.statefulSet(member.nodes().get(0).record().nodeId());
    }

    /** Whether the Secret on the cluster already holds exactly these keys and this owner. */
    static boolean same(Secret existing, Secret desired) {
        return existing != null && desired.getData().equals(existing.getData())
                && existing.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(desired.getMetadata().getOwnerReferences().get(0).getUid()))
                && existing.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
