package io.consortia.platform.deploy.kubernetes;

import io.consortia.crypto.Pem;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NetworkPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
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

    /**
     * Creates the Secret or, when it exists (a deployment or a join run again), replaces its data
     * with these keys, which the new certificates match, keeping what others added; returns the
     * step's detail.
     */
    static String apply(KubernetesClient client, Secret secret, NetworkPlan.Member member) {
        Resource<Secret> resource = client.secrets().inNamespace(secret.getMetadata().getNamespace())
                .withName(secret.getMetadata().getName());
        int keys = secret.getData().size();
        Secret existing = resource.get();
        if (same(existing, secret)) {
            return "unchanged: " + keys + " keys of " + member.nodes().size() + " node(s)";
        }
        if (existing == null) {
            client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(secret).create();
        } else {
            resource.edit(current -> {
                current.setData(secret.getData());
                current.getMetadata().setOwnerReferences(secret.getMetadata().getOwnerReferences());
                current.getMetadata().getLabels().putAll(secret.getMetadata().getLabels());
                return current;
            });
        }
        return DeploymentTexts.MEMBER_KEYS.of(keys, member.nodes().size());
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
