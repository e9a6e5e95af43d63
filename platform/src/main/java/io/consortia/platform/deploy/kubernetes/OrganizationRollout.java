package io.consortia.platform.deploy.kubernetes;

import io.consortia.common.Poll;
import io.consortia.crypto.Pem;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Labels;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.deploy.DeploymentTexts;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change of one node in its organisation's StatefulSet: its keys and certificates written, for
 * a renewal (a node the resource lists) or a node added to a running network (the next pod), or
 * the last pod taken away ({@link #remove}). A pod reads its keys (the organisation's Secret) and
 * its certificates (the operator's ConfigMap, made from the ConsortiaNetwork) when it starts, and
 * neither a real kubelet's late refresh of a mounted Secret nor the test kubelet's copy at start is
 * something a running node can be told to reread at a known moment. So the keys go into the Secret first, then the certificates into the resource;
 * the operator's ConfigMap and its digest on the pod template change with them, and the
 * StatefulSet replaces the organisation's pods one at a time (and creates an added one), each
 * starting with both new halves (a pod that restarted between the two writes holds a key its
 * certificate does not match, refuses to start, and is started again by the kubelet). Returns
 * once every pod of the organisation runs the new template and is Ready.
 */
final class OrganizationRollout {
    private static final Logger LOG = LoggerFactory.getLogger(OrganizationRollout.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private final KubernetesClient client;
    private final Duration timeout;

    OrganizationRollout(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    String write(ConsortiaNetwork network, String namespace, String pod, NodeCredentials credentials) {
        String statefulSet = KubernetesNames.statefulSet(pod);
        int index = Integer.parseInt(pod.substring(statefulSet.length() + 1));
        String networkName = network.getMetadata().getName();
        OrganizationSpec organization = organization(network, statefulSet, pod);
        int listed = organization.getNodes().size();
        if (index > listed) { // a StatefulSet's pods are numbered 0 to n-1
            throw new IllegalStateException("ConsortiaNetwork " + networkName + " lists " + listed + " node(s) of "
                    + statefulSet + ": " + pod + " cannot be its next pod");
        }
        Resource<StatefulSet> set = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet);
        String digestBefore = digest(set.get());
        String secret = writeKeys(namespace, organization.getKeysSecret(), pod, credentials);
        NodeSpec certificates = new NodeSpec(Pem.write(credentials.signing().certificate()),
                Pem.write(credentials.tls().certificate()));
        boolean changed = index == listed || !certificates.equals(organization.getNodes().get(index));
        if (changed) {
            client.resources(ConsortiaNetwork.class).withName(networkName).edit(current -> {
                List<NodeSpec> nodes = organization(current, statefulSet, pod).getNodes();
                if (index < nodes.size()) {
                    nodes.set(index, certificates);
                } else {
                    nodes.add(certificates);
                }
                return current;
            });
        }
        LOG.info("Keys of {} in Secret {}, certificates in ConsortiaNetwork {}; waiting for StatefulSet {} to "
                + "roll out", pod, secret, networkName, statefulSet);
        // unchanged certificates (an operation run again after the resource was written) need only the rollout's end
        int replicas = Math.max(listed, index + 1);
        StatefulSet done = Poll.until(timeout, POLL, () -> {
            StatefulSet now = set.get();
            return rolledOut(now) && now.getSpec().getReplicas() == replicas
                    && (!changed || !Objects.equals(digest(now), digestBefore)) ? now : null;
        }).orElseThrow(() -> new IllegalStateException("StatefulSet " + statefulSet + " did not roll out its "
                + replicas + " pod(s) with the new certificates within " + timeout.toSeconds() + " s"
                + progress(set.get())));
        return DeploymentTexts.CREDENTIALS_ROLLED_OUT.of(secret, networkName, statefulSet,
                done.getSpec().getReplicas());
    }

    /**
     * Takes the organisation's last pod away: out of the resource (the operator scales the
     * StatefulSet down, and restarts the others one at a time, its ConfigMap changed), then its keys
     * out of the Secret and its volume claim deleted, so that a node added later under the same pod
     * name starts empty instead of from a removed node's ledgers and Raft log.
     */
    String remove(ConsortiaNetwork network, String namespace, String pod) {
        String statefulSet = KubernetesNames.statefulSet(pod);
        String networkName = network.getMetadata().getName();
        OrganizationSpec organization = organization(network, statefulSet, pod);
        int listed = organization.getNodes().size();
        Resource<StatefulSet> set = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet);
        String digestBefore = digest(set.get());
        boolean listedNow = pod.equals(statefulSet + "-" + (listed - 1));
        if (listedNow) {
            client.resources(ConsortiaNetwork.class).withName(networkName).edit(current -> {
                List<NodeSpec> nodes = organization(current, statefulSet, pod).getNodes();
                nodes.remove(nodes.size() - 1);
                return current;
            });
        }
        int replicas = listedNow ? listed - 1 : listed;
        Poll.until(timeout, POLL, () -> {
            StatefulSet now = set.get();
            return rolledOut(now) && now.getSpec().getReplicas() == replicas
                    && (!listedNow || !Objects.equals(digest(now), digestBefore))
                    && client.pods().inNamespace(namespace).withName(pod).get() == null ? now : null;
        }).orElseThrow(() -> new IllegalStateException("StatefulSet " + statefulSet + " did not scale down to "
                + replicas + " pod(s) within " + timeout.toSeconds() + " s" + progress(set.get())));
        Resource<Secret> secret = client.secrets().inNamespace(namespace).withName(organization.getKeysSecret());
        if (secret.get() != null) {
            secret.edit(current -> {
                current.getData().keySet().removeAll(List.of(pod + OrganizationKeys.NODE_KEY,
                        pod + OrganizationKeys.TLS_KEY));
                return current;
            });
        }
        String claim = KubernetesNames.dataClaim(pod);
        client.persistentVolumeClaims().inNamespace(namespace).withName(claim).delete();
        return DeploymentTexts.POD_REMOVED.of(statefulSet, replicas, organization.getKeysSecret(), claim);
    }

    private static OrganizationSpec organization(ConsortiaNetwork network, String statefulSet, String pod) {
        return network.getSpec().getOrganizations().stream().filter(o -> o.getName().equals(statefulSet))
                .findFirst().orElseThrow(() -> new IllegalStateException("ConsortiaNetwork "
                        + network.getMetadata().getName() + " has no organisation " + statefulSet
                        + " (the StatefulSet of " + pod + ")"));
    }

    private String writeKeys(String namespace, String name, String pod, NodeCredentials credentials) {
        Map<String, String> keys = OrganizationKeys.nodeKeys(pod, credentials.signing().privateKey(),
                credentials.tls().privateKey());
        Resource<Secret> secret = client.secrets().inNamespace(namespace).withName(name);
        if (secret.get() == null) {
            throw new IllegalStateException("Secret " + name + " of " + pod + " is missing in " + namespace
                    + ": deploy the network again to write it");
        }
        secret.edit(current -> {
            current.getData().putAll(keys);
            return current;
        });
        return name;
    }

    /** Every pod on the StatefulSet's current template and Ready, as its controller last observed it. */
    static boolean rolledOut(StatefulSet set) {
        if (set == null || set.getStatus() == null || set.getSpec().getReplicas() == null) {
            return false;
        }
        StatefulSetStatus status = set.getStatus();
        int replicas = set.getSpec().getReplicas();
        long generation = set.getMetadata().getGeneration() == null ? 0 : set.getMetadata().getGeneration();
        return status.getObservedGeneration() != null && status.getObservedGeneration() >= generation
                && status.getUpdateRevision() != null && status.getUpdateRevision().equals(status.getCurrentRevision())
                && Objects.equals(status.getUpdatedReplicas(), replicas)
                && Objects.equals(status.getReadyReplicas(), replicas);
    }

    static String digest(StatefulSet set) {
        if (set == null || set.getSpec().getTemplate().getMetadata() == null) {
            return null;
        }
        Map<String, String> annotations = set.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Labels.CONFIG_DIGEST_ANNOTATION);
    }

    static String progress(StatefulSet set) {
        if (set == null || set.getStatus() == null) {
            return "; the StatefulSet has no status";
        }
        StatefulSetStatus status = set.getStatus();
        return "; " + nonNull(status.getUpdatedReplicas()) + " of " + set.getSpec().getReplicas() + " pod(s) updated, "
                + nonNull(status.getReadyReplicas()) + " Ready (kubectl rollout status statefulset/"
                + set.getMetadata().getName() + " -n " + set.getMetadata().getNamespace() + ")";
    }

    private static int nonNull(Integer value) {
        return value == null ? 0 : value;
    }
}
