package io.consortia.operator.desired;

import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.OrganizationSpec;

/** Names and addresses derived from a network; the platform and the status use the same ones. */
public final class Names {
    public static final int API_PORT = 7051;
    public static final int RAFT_PORT = 7052;
    public static final int METRICS_PORT = 7053;
    public static final String CONFIG_DIR = "/etc/consortia/config";
    public static final String KEYS_DIR = "/etc/consortia/keys";
    public static final String DATA_DIR = "/var/lib/consortia";
    public static final String TLS_ROOTS = "tls-roots.pem";
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private Names() {}

    /** spec.namespace, or {@code consortia-<metadata.name>}. */
    public static String namespace(ConsortiaNetwork network) {
        String configured = network.getSpec() == null ? null : network.getSpec().getNamespace();
        return configured == null || configured.isBlank() ? "consortia-" + network.getMetadata().getName() : configured;
    }

    public static String pod(String organization, int index) {
        return organization + "-" + index;
    }

    public static String peersService(String organization) {
        return organization + "-peers";
    }

    public static String clientService(String organization) {
        return organization;
    }

    public static String configMap(String organization) {
        return organization + "-config";
    }

    /** {@code <org>-<i>.<org>-peers.<namespace>.svc.cluster.local}: the node's stable address. */
    public static String fqdn(String namespace, String organization, int index) {
        return pod(organization, index) + "." + peersService(organization) + "." + namespace + ".svc." + CLUSTER_DOMAIN;
    }

    /** The organisation name the nodes use: displayName, or the name. */
    public static String nodeOrganization(OrganizationSpec organization) {
        String display = organization.getDisplayName();
        return display == null || display.isBlank() ? organization.getName() : display;
    }

    /** ConfigMap key of a pod's node.yaml; the container's --config names it with $(POD_NAME). */
    public static String nodeYamlKey(String pod) {
        return pod + ".yaml";
    }

    public static String signingCertificateKey(String pod) {
        return pod + "-node.pem";
    }

    public static String tlsCertificateKey(String pod) {
        return pod + "-tls.pem";
    }

    /** Key of the pod's signing private key in its organisation's keys Secret. */
    public static String signingKeyKey(String pod) {
        return pod + "-node.key";
    }

    /** Key of the pod's TLS private key in its organisation's keys Secret. */
    public static String tlsKeyKey(String pod) {
        return pod + "-tls.key";
    }
}
