package io.consortia.operator.desired;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkSpec;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the CRD's schema cannot say: unique names, channels naming members, and no private key
 * anywhere in the resource. A network with problems is not applied at all; the problems become
 * the {@code Reconciled} condition's message, each naming the field.
 */
public final class SpecValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?");
    /** The node's own rule for organisation names (NodeConfigLoader.NAME). */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private SpecValidator() {}

    /** The problems of the network's spec; empty when it can be applied. */
    public static List<String> problems(ConsortiaNetwork network) {
        List<String> problems = new ArrayList<>();
        ConsortiaNetworkSpec spec = network.getSpec();
        if (spec == null) {
            problems.add("spec is missing");
            return problems;
        }
        if (blank(spec.getImage())) {
            problems.add("spec.image is required (the node image, e.g. consortia/node:0.1.0)");
        }
        if (spec.getNamespace() != null && !spec.getNamespace().isBlank()
                && !spec.getNamespace().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            problems.add("spec.namespace '" + spec.getNamespace() + "' is not a DNS label");
        }
        if (spec.getStorage() != null && !blank(spec.getStorage().getSize())) {
            try {
                Quantity.getAmountInBytes(new Quantity(spec.getStorage().getSize()));
            } catch (IllegalArgumentException e) {
                problems.add("spec.storage.size '" + spec.getStorage().getSize() + "' is not a quantity like 1Gi");
            }
        }
        if (spec.getOrganizations().isEmpty()) {
            problems.add("spec.organizations is empty: a network needs at least one organisation");
        }
        Set<String> names = new HashSet<>();
        for (int o = 0; o < spec.getOrganizations().size(); o++) {
            organization(problems, "spec.organizations[" + o + "]", spec.getOrganizations().get(o), names);
        }
        privateKeysElsewhere(problems, network);
        for (int c = 0; c < spec.getChannels().size(); c++) {
            ChannelSpec channel = spec.getChannels().get(c);
            String at = "spec.channels[" + c + "]";
            if (blank(channel.getName())) {
                problems.add(at + ".name is required");
            }
            for (String member : channel.getOrganizations()) {
                if (!names.contains(member)) {
                    problems.add(at + " names organisation '" + member + "', which is not in spec.organizations");
                }
            }
        }
        return problems;
    }

    private static void organization(List<String> problems, String at, OrganizationSpec org, Set<String> names) {
        if (blank(org.getName()) || !DNS_LABEL.matcher(org.getName()).matches()) {
            problems.add(at + ".name '" + org.getName() + "' must be a DNS label of at most 42 characters"
                    + " (it names the StatefulSet and its pods)");
        } else if (!names.add(org.getName())) {
            problems.add(at + ".name '" + org.getName() + "' is used twice");
        }
        if (!NODE_NAME.matcher(Names.nodeOrganization(org)).matches()) {
            problems.add(at + ".displayName '" + org.getDisplayName() + "' must be 1-63 letters, digits, '.', '_'"
                    + " or '-' (the nodes' organization)");
        }
        if (blank(org.getKeysSecret())) {
            problems.add(at + ".keysSecret is required (the Secret with the nodes' private keys)");
        }
        publicPem(problems, at + ".rootCertificate", org.getRootCertificate(), false);
        publicPem(problems, at + ".tlsRootCertificate", org.getTlsRootCertificate(), true);
        if (org.getNodes().isEmpty()) {
            problems.add(at + ".nodes is empty: an organisation needs at least one node");
        }
        for (int n = 0; n < org.getNodes().size(); n++) {
            NodeSpec node = org.getNodes().get(n);
            publicPem(problems, at + ".nodes[" + n + "].certificate", node.getCertificate(), true);
            publicPem(problems, at + ".nodes[" + n + "].tlsCertificate", node.getTlsCertificate(), true);
        }
    }

    private static void publicPem(List<String> problems, String at, String pem, boolean required) {
        if (blank(pem)) {
            if (required) {
                problems.add(at + " is required (a PEM certificate)");
            }
        } else if (pem.contains(PRIVATE_KEY)) {
            // never echo the value: it is a secret that should not have been here
            problems.add(at + " holds a private key: private keys belong only in the organisation's keys Secret");
        } else if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            problems.add(at + " is not a PEM certificate");
        }
    }

    /**
     * A private key in any other string of the resource (its metadata's labels and annotations
     * included, which the GitOps files copy): the certificate fields are checked above, but a key
     * pasted into a name or an annotation would be written to a repository just the same.
     */
    private static void privateKeysElsewhere(List<String> problems, ConsortiaNetwork network) {
        walk(Serialization.jsonMapper().valueToTree(network), "", problems);
    }

    private static void walk(JsonNode node, String at, List<String> problems) {
        if (node.isTextual()) {
            String reported = at + " holds a private key";
            if (node.asText().contains(PRIVATE_KEY) && problems.stream().noneMatch(p -> p.startsWith(reported))) {
                problems.add(reported + ": private keys belong only in the organisation's keys Secret");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> walk(field.getValue(),
                    at.isEmpty() ? field.getKey() : at + "." + field.getKey(), problems));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
