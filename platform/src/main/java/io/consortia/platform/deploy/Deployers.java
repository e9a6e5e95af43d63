package io.consortia.platform.deploy;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.system.KubernetesProperties;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The deployers this platform has, by target: {@code LOCAL} always, {@code KUBERNETES} when
 * {@value KubernetesProperties#ENABLED}. A node is served by the deployer of its consortium's target.
 */
@Service
public class Deployers {
    private final Map<String, Deployer> byTarget;
    private final ConsortiumService consortia;

    Deployers(List<Deployer> deployers, ConsortiumService consortia) {
        this.byTarget = deployers.stream().collect(Collectors.toUnmodifiableMap(Deployer::target, Function.identity()));
        this.consortia = consortia;
    }

    /** The deployer of a target; 400 naming the setting when this platform does not offer it. */
    public Deployer forTarget(String target) {
        Deployer deployer = byTarget.get(target);
        if (deployer == null) {
            throw PlatformException.invalid("Deployment target " + target + " is not configured on this platform"
                    + ("KUBERNETES".equals(target) ? ": a platform admin sets " + KubernetesProperties.ENABLED
                            + "=true; see docs/kubernetes.md" : ""));
        }
        return deployer;
    }

    public Deployer ofConsortium(long consortiumId) {
        return forTarget(consortia.get(consortiumId).deploymentTarget());
    }

    public Deployer of(NodeRecord node) {
        return ofConsortium(node.consortiumId());
    }

    /** What each node's target observes of it, by node id; each target asked once for all of its nodes. */
    public Map<String, NodeObservation> observe(List<NodeRecord> nodes) {
        Map<String, NodeObservation> seen = new java.util.HashMap<>();
        nodes.stream().collect(Collectors.groupingBy(this::of))
                .forEach((deployer, theirs) -> seen.putAll(deployer.observeAll(theirs)));
        return seen;
    }

    /** The consortium's deployer if it takes whole networks (desired state). */
    Optional<NetworkDeployer> network(long consortiumId) {
        return ofConsortium(consortiumId) instanceof NetworkDeployer network ? Optional.of(network) : Optional.empty();
    }

    /** Every deployer, e.g. for the supervisor's round over all nodes. */
    java.util.Collection<Deployer> all() {
        return byTarget.values();
    }

    /**
     * A channel was created on the consortium's nodes: a desired-state target records it (the
     * ConsortiaNetwork lists its channels); other targets have nothing to record.
     */
    public void channelCreated(long consortiumId, String channel, List<Organization> organizations) {
        network(consortiumId).ifPresent(n -> n.channelCreated(consortiumId, channel, organizations));
    }

    /** A running channel's organisations changed: a desired-state target records its list again. */
    public void channelMembersChanged(long consortiumId, String channel, List<Organization> organizations) {
        network(consortiumId).ifPresent(n -> n.channelMembersChanged(consortiumId, channel, organizations));
    }
}
