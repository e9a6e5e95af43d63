package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Names;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The organisations' keys Secrets are the platform's to write; the operator only checks that each
 * exists with a key per node, and says which is missing. Values are never read into messages.
 */
final class SecretsCheck {
    private SecretsCheck() {}

    /** Problems naming the Secret (and keys) to create; empty when all are there. */
    static List<String> problems(KubernetesClient client, ConsortiaNetwork network) {
        String namespace = Names.namespace(network);
        List<String> problems = new ArrayList<>();
        for (OrganizationSpec org : network.getSpec().getOrganizations()) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < org.getNodes().size(); i++) {
                String pod = Names.pod(org.getName(), i);
                expected.add(Names.signingKeyKey(pod));
                expected.add(Names.tlsKeyKey(pod));
            }
            Secret secret = client.secrets().inNamespace(namespace).withName(org.getKeysSecret()).get();
            if (secret == null) {
                problems.add("Secret " + namespace + "/" + org.getKeysSecret() + " is missing: it must hold "
                        + String.join(", ", expected));
                continue;
            }
            Set<String> keys = new HashSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            List<String> missing = expected.stream().filter(k -> !keys.contains(k)).toList();
            if (!missing.isEmpty()) {
                problems.add("Secret " + namespace + "/" + org.getKeysSecret() + " lacks " + String.join(", ", missing));
            }
        }
        return problems;
    }
}
