package io.consortia.platform.deploy.kubernetes;

import io.consortia.common.Poll;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NetworkPlan;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;

/**
 * An organisation joining or leaving a running network: its entry in the ConsortiaNetwork, its
 * keys Secret and its volume claims. The operator makes (or deletes) the organisation's
 * StatefulSet and the rest from the resource. Every organisation's ConfigMap lists the members'
 * TLS roots and changes with them, but its pods do not roll on that (see the operator's config
 * digest): a join needs no restart, and after a leave the platform restarts the remaining nodes one
 * at a time ({@link KubernetesDeployer#replaceTrustedRoots}). Each step returns once the cluster
 * shows its result.
 */
final class MemberRollout {
    private static final Duration POLL = Duration.ofSeconds(1);
    private final KubernetesClient client;
    private final Duration timeout;

    MemberRollout(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    void add(ConsortiaNetwork network, NetworkPlan.Member member, DeploymentSteps steps) {
        String name = network.getMetadata().getName();
        String namespace = network.getSpec().getNamespace();
        OrganizationSpec organization = NetworkResource.organization(member);
        String statefulSet = organization.getName();
        Secret secret = OrganizationKeys.secret(namespace, name, member, network);
        steps.step(DeploymentTexts.WRITE_SECRET.of(secret.getMetadata().getName()), null,
                () -> OrganizationKeys.apply(client, secret, member));
        steps.step(DeploymentTexts.ADD_MEMBER_TO_NETWORK.of(statefulSet, name), null, () -> {
            ConsortiaNetwork edited = client.resources(ConsortiaNetwork.class).withName(name).edit(current -> {
                List<OrganizationSpec> organizations = current.getSpec().getOrganizations();
                organizations.removeIf(o -> o.getName().equals(statefulSet)); // a join run again
                organizations.add(organization);
                return current;
            });
            return DeploymentTexts.MEMBERS_LISTED.of(name, edited.getSpec().getOrganizations().size());
        });
        int replicas = member.nodes().size();
        steps.step(DeploymentTexts.AWAIT_STATEFUL_SET.of(statefulSet, replicas), null, () -> {
            Resource<StatefulSet> set = statefulSet(namespace, statefulSet);
            Poll.until(timeout, POLL, () -> {
                StatefulSet now = set.get();
                return OrganizationRollout.rolledOut(now) && now.getSpec().getReplicas() == replicas ? now : null;
            }).orElseThrow(() -> new IllegalStateException("StatefulSet " + statefulSet + " did not get its "
                    + replicas + " pod(s) Ready within " + timeout.toSeconds() + " s"
                    + OrganizationRollout.progress(set.get())));
            return DeploymentTexts.STATEFUL_SET_READY.of(statefulSet, replicas);
        });
    }

    /**
     * Takes the organisation of {@code statefulSet} out of the resource (and out of every channel
     * it lists, which a valid resource requires), waits until the operator deleted its StatefulSet
     * and its pods are gone, then deletes its Secret and volume claims.
     */
    void remove(ConsortiaNetwork network, String statefulSet, List<String> pods, DeploymentSteps steps) {
        String name = network.getMetadata().getName();
        String namespace = network.getSpec().getNamespace();
        OrganizationSpec organization = network.getSpec().getOrganizations().stream()
                .filter(o -> o.getName().equals(statefulSet)).findFirst().orElse(null);
        String secretName = organization == null ? KubernetesNames.keysSecret(statefulSet)
                : organization.getKeysSecret();
        steps.step(DeploymentTexts.REMOVE_MEMBER_FROM_NETWORK.of(statefulSet, name), null, () -> {
            if (organization != null) {
                client.resources(ConsortiaNetwork.class).withName(name).edit(current -> {
                    current.getSpec().getOrganizations().removeIf(o -> o.getName().equals(statefulSet));
                    for (ChannelSpec channel : current.getSpec().getChannels()) {
                        channel.getOrganizations().remove(statefulSet);
                    }
                    return current;
                });
            }
            Resource<StatefulSet> set = statefulSet(namespace, statefulSet);
            Poll.until(timeout, POLL, () -> set.get() == null && pods.stream()
                    .allMatch(pod -> client.pods().inNamespace(namespace).withName(pod).get() == null) ? name : null)
                    .orElseThrow(() -> new IllegalStateException("StatefulSet " + statefulSet + " or one of its pods "
                            + "still exists " + timeout.toSeconds() + " s after the organisation left ConsortiaNetwork "
                            + name + ": is the Consortia operator running, and does it delete what the resource no "
                            + "longer lists?"));
            client.secrets().inNamespace(namespace).withName(secretName).delete();
            pods.forEach(pod -> client.persistentVolumeClaims().inNamespace(namespace)
                    .withName(KubernetesNames.dataClaim(pod)).delete());
            return DeploymentTexts.MEMBER_REMOVED.of(statefulSet, secretName, pods.size());
        });
    }

    private Resource<StatefulSet> statefulSet(String namespace, String name) {
        return client.apps().statefulSets().inNamespace(namespace).withName(name);
    }
}
