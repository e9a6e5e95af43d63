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
}
