package io.consortia.platform.deploy.kubernetes;

import io.consortia.common.Poll;
import io.consortia.crypto.Pem;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.desired.Names;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.deploy.DeploymentTexts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
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
 * something a running node can be told to reread at a known moment. So the keys go into the Secret
 * first, then the certificates into the resource; the operator writes them into the ConfigMap. An
 * added pod starts with both; a renewed node's pod is restarted once the ConfigMap has them (a pod
 * that restarted between the two writes holds a key its certificate does not match, refuses to
 * start, and is started again by the kubelet). The StatefulSet does not roll on one pod's entries,
 * so the organisation's other pods keep running.
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
        if (index == listed) {
            LOG.info("Keys of {} in Secret {}, certificates in ConsortiaNetwork {}; waiting for StatefulSet {} to "
                    + "start it", pod, secret, networkName, statefulSet);
            StatefulSet done = Poll.until(timeout, POLL, () -> {
                StatefulSet now = set.get();
                return rolledOut(now) && now.getSpec().getReplicas() == listed + 1 ? now : null;
            }).orElseThrow(() -> new IllegalStateException("StatefulSet " + statefulSet + " did not get its "
                    + (listed + 1) + " pod(s) Ready within " + timeout.toSeconds() + " s" + progress(set.get())));
            return DeploymentTexts.POD_ADDED_READY.of(secret, networkName, statefulSet, done.getSpec().getReplicas());
        }
        LOG.info("Keys of {} in Secret {}, certificates in ConsortiaNetwork {}; restarting it once its ConfigMap "
                + "has them", pod, secret, networkName);
        restartWith(namespace, statefulSet, pod, certificates);
        return DeploymentTexts.POD_RESTARTED_WITH_CREDENTIALS.of(secret, networkName, pod);
    }

    /**
     * A pod reads its certificates (the ConfigMap the operator makes from the resource) and its keys
     * when it starts, and its StatefulSet does not roll for one pod's entries: once the ConfigMap
     * has the new certificates, the pod is deleted, and its StatefulSet starts it again with both.
     * Even with certificates unchanged (an operation run again), since the pod may still run the old ones.
     */
    private void restartWith(String namespace, String statefulSet, String pod, NodeSpec certificates) {
        String configMap = KubernetesNames.configMap(statefulSet);
        Poll.until(timeout, POLL, () -> {
            ConfigMap now = client.configMaps().inNamespace(namespace).withName(configMap).get();
            Map<String, String> data = now == null || now.getData() == null ? Map.of() : now.getData();
            return certificates.getCertificate().strip().equals(strip(data.get(Names.signingCertificateKey(pod))))
                    && certificates.getTlsCertificate().strip().equals(strip(data.get(Names.tlsCertificateKey(pod))))
                    ? Boolean.TRUE : null;
        }).orElseThrow(() -> new IllegalStateException("ConfigMap " + configMap + " did not list the new certificates"
                + " of " + pod + " within " + timeout.toSeconds() + " s: is the Consortia operator running?"));
        Resource<Pod> resource = client.pods().inNamespace(namespace).withName(pod);
        Pod old = resource.get();
        String uid = old == null ? null : old.getMetadata().getUid();
        if (old != null) {
            resource.delete();
        }
        Poll.until(timeout, POLL, () -> {
            Pod now = resource.get();
            return now != null && !now.getMetadata().getUid().equals(uid) && PodObserver.isReady(now)
                    ? Boolean.TRUE : null;
        }).orElseThrow(() -> new IllegalStateException("Pod " + pod + " was not Ready again within "
                + timeout.toSeconds() + " s after it was restarted with its new certificates (kubectl describe pod "
                + pod + " -n " + namespace + ")"));
    }

    private static String strip(String pem) {
        return pem == null ? null : pem.strip();
    }

    /**
     * Takes the organisation's last pod away: out of the resource (the operator scales the
     * StatefulSet down; the others keep running), then its keys
     * out of the Secret and its volume claim deleted, so that a node added later under the same pod
     * name starts empty instead of from a removed node's ledgers and Raft log.
     */
    String remove(ConsortiaNetwork network, String namespace, String pod) {
        String statefulSet = KubernetesNames.statefulSet(pod);
        String networkName = network.getMetadata().getName();
        OrganizationSpec organization = organization(network, statefulSet, pod);
        int listed = organization.getNodes().size();
        Resource<StatefulSet> set = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet);
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
