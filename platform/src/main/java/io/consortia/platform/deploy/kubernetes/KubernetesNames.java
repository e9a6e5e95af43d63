package io.consortia.platform.deploy.kubernetes;

import io.consortia.platform.consortium.Consortium;
import java.util.List;
import java.util.Locale;

/**
 * The names a consortium's network has on the cluster, all derived from the consortium and the
 * node ids, so any of them can be computed before the resources exist and again after a
 * platform restart. A node id {@code c<consortium>-<organisation>-<i>} is also its pod's name:
 * the organisation's StatefulSet is {@code c<consortium>-<organisation>} (so node ids stay
 * unique on the platform, as local ones are), its headless Service {@code <statefulset>-peers}.
 */
final class KubernetesNames {
    /** Label on the resource: which consortium of this platform it is. */
    /**
     * Held on every ConsortiaNetwork the platform creates, and removed only by its own deletion of the network: a
     * {@code kubectl delete cnet} (a typo, a GitOps prune) otherwise let the namespace's garbage collection take
     * every ledger, key and volume within seconds while the platform showed the network RUNNING.
     */
    public static final String PLATFORM_FINALIZER = "consortia.io/deleted-by-platform";
    static final String CONSORTIUM_ID_LABEL = "consortia.io/consortium-id";
    /** Label the operator puts on everything of a network (and on pods). */
    static final String NETWORK_LABEL = "consortia.io/network";
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final int API_PORT = 7051;
    static final int RAFT_PORT = 7052;
    static final int METRICS_PORT = 7053;
    static final String CLUSTER_DOMAIN = "svc.cluster.local";
    /** A namespace is a DNS label: 63 characters; the prefix may take 20. */
    private static final int MAX_NETWORK_NAME = 43;

    private KubernetesNames() {}

    /**
     * The ConsortiaNetwork's name: {@code c<id>-<the consortium's name as a DNS label>}, cut to
     * fit a namespace name. Consortium names may be in any script; what is left when only a-z
     * and 0-9 are kept may be nothing, and then the name is {@code c<id>}.
     */
    static String network(Consortium consortium) {
        String id = "c" + consortium.id();
        String slug = consortium.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            return id;
        }
        String name = id + "-" + slug;
        return name.length() <= MAX_NETWORK_NAME ? name : name.substring(0, MAX_NETWORK_NAME).replaceAll("-+$", "");
    }

    static String namespace(String prefix, String network) {
        return prefix + network;
    }

    /** The StatefulSet (the resource's organisation name) of a node: its id without the index. */
    static String statefulSet(String nodeId) {
        int dash = nodeId.lastIndexOf('-');
        if (dash <= 0 || !nodeId.substring(dash + 1).matches("[0-9]+")) {
            throw new IllegalArgumentException("Not a pod name of a StatefulSet: " + nodeId);
        }
        return nodeId.substring(0, dash);
    }

    static String peersService(String statefulSet) {
        return statefulSet + "-peers";
    }

    /** The operator's ConfigMap of the organisation: its pods' configurations and the members' TLS roots. */
    static String configMap(String statefulSet) {
        return statefulSet + "-config";
    }

    static String keysSecret(String statefulSet) {
        return statefulSet + "-keys";
    }

    /** The volume claim the StatefulSet made for the pod from its template {@code data}. */
    static String dataClaim(String pod) {
        return "data-" + pod;
    }

    /** Where the platform and the other nodes reach a node: stable across the pod's restarts. */
    static String fqdn(String pod, String namespace) {
        return pod + "." + peersService(statefulSet(pod)) + "." + namespace + "." + CLUSTER_DOMAIN;
    }

    /** Every name of the node its TLS certificate holds: the FQDN, shorter forms of it, the client Service. */
    static List<String> tlsHosts(String pod, String namespace) {
        String sts = statefulSet(pod);
        String peers = pod + "." + peersService(sts);
        return List.of(fqdn(pod, namespace), peers + "." + namespace + ".svc", peers + "." + namespace, peers,
                sts + "." + namespace + "." + CLUSTER_DOMAIN, sts + "." + namespace + ".svc", sts);
    }
}
