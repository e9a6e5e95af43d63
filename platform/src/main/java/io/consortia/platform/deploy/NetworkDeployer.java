package io.consortia.platform.deploy;

import io.consortia.platform.organization.Organization;
import java.util.List;

/**
 * A target that takes a network's whole desired state at once and keeps it itself (Kubernetes:
 * a custom resource an operator reconciles). The deployment service then issues every node's
 * credentials first and hands the target the network, instead of placing, installing and
 * starting node by node; the per-node methods of {@link Deployer} still answer for single nodes
 * (address, health, logs, a restart).
 */
public interface NetworkDeployer extends Deployer {

    /**
     * Writes the network's desired state, with the nodes' private keys where the target keeps
     * secrets, and waits until every node is ready, recording its steps. Applying the same plan
     * again changes nothing.
     */
    void apply(NetworkPlan plan, DeploymentSteps steps);

    /** Adds a channel the platform created on the nodes to the desired state (where the target shows it). */
    void channelCreated(long consortiumId, String channel, List<Organization> organizations);

    /** Records a running channel's organisations after one was added or removed (where the target shows them). */
    default void channelMembersChanged(long consortiumId, String channel, List<Organization> organizations) {}

    /** Removes the network and everything the target made for it, and waits until it is gone. */
    void deleteNetwork(long consortiumId, DeploymentSteps steps);

    /** Whether the target still has a network of the consortium (for a delete to finish its job). */
    boolean hasNetwork(long consortiumId);

    /**
     * Whether nodes can be added to and removed from a running network: then {@link #install} puts
     * a node the network does not list into its desired state, {@link #removeFromNetwork} takes one
     * out, and {@link #requireAddable} / {@link #requireRemovable} say first whether this one can be.
     */
    default boolean changesNodes() {
        return false;
    }

    /** Refuses (409, nothing changed) a node {@link #changesNodes} cannot add under this id. */
    default void requireAddable(long consortiumId, String nodeId) {}

    /** Refuses (409, nothing changed) a node {@link #changesNodes} cannot remove. */
    default void requireRemovable(NodeRecord node) {}

    /**
     * Takes a node that left its channels out of the desired state, its keys and storage with it,
     * and waits until the target no longer runs it; returns the step's detail.
     */
    default String removeFromNetwork(NodeRecord node) {
        throw new UnsupportedOperationException(target() + " does not remove nodes one by one");
    }

    /**
     * Whether organisations can join and leave a running network: then {@link #addMember} puts a
     * member that joined into the desired state and {@link #removeMember} takes one that left out.
     */
    default boolean changesMembers() {
        return false;
    }

    /**
     * Writes a member that joined the running network (its prepared nodes' keys and certificates)
     * into the desired state, recording its steps, and waits until its nodes are ready and the
     * other members run with its TLS root among their trusted ones.
     */
    default void addMember(long consortiumId, NetworkPlan.Member member, DeploymentSteps steps) {
        throw new UnsupportedOperationException(target() + " does not add organisations to a running network");
    }

    /**
     * Takes a member whose nodes left every channel out of the desired state, with its keys and
     * storage, recording its steps, and waits until the other members run without its TLS root.
     */
    default void removeMember(long consortiumId, List<NodeRecord> nodes, DeploymentSteps steps) {
        throw new UnsupportedOperationException(target() + " does not remove organisations from a running network");
    }
}
