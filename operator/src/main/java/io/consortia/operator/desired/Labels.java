package io.consortia.operator.desired;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the operator creates. Selectors use only {@link #NETWORK} and
 * {@link #ORGANIZATION}: a StatefulSet's selector is immutable, so it must not depend on anything
 * that could ever change (like a version label).
 */
public final class Labels {
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String PART_OF_VALUE = "consortia";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String NODE_NAME_VALUE = "consortia-node";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "consortia-operator";
    public static final String NETWORK = "consortia.io/network";
    public static final String ORGANIZATION = "consortia.io/organization";
    /** On the pod template: a digest of the ConfigMap, so a changed configuration rolls the pods. */
    public static final String CONFIG_DIGEST_ANNOTATION = "consortia.io/config-digest";

    private Labels() {}

    /** Labels of the network-wide objects (the Namespace). */
    public static Map<String, String> network(String network) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PART_OF, PART_OF_VALUE);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(NETWORK, network);
        return labels;
    }

    /** Labels of an organisation's objects and pods. */
    public static Map<String, String> organization(String network, String organization) {
        Map<String, String> labels = network(network);
        labels.put(NAME, NODE_NAME_VALUE);
        labels.put(ORGANIZATION, organization);
        return labels;
    }

    /** Selects an organisation's pods. */
    public static Map<String, String> organizationSelector(String network, String organization) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NETWORK, network);
        labels.put(ORGANIZATION, organization);
        return labels;
    }

    /** Selects every pod of the network. */
    public static Map<String, String> networkSelector(String network) {
        return Map.of(NETWORK, network);
    }
}
