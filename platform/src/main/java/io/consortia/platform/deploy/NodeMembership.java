package io.consortia.platform.deploy;

/**
 * What adding and removing a node needs from the channels it serves: the channel feature sits
 * above this one and implements it (like {@link NetworkChannels}), so deployments ask this small
 * question rather than depend on the channel service.
 */
public interface NodeMembership {

    /**
     * Joins a new, serving node to every active channel of its organisation: added as a Raft
     * learner, joined with the configuration in force, caught up, then promoted to voter. Says
     * what it did.
     */
    String join(NodeRecord node, DeploymentSteps steps);

    /**
     * Refuses (409) to take out a node that is the last voter of a channel it serves, naming every
     * such channel, before anything changes: {@link #leave} goes channel by channel and commits each
     * channel's change on chain, so a refusal found on the third channel would come after the node
     * already left the first two, with no way back.
     */
    void requireLeavable(NodeRecord node);

    /**
     * Takes a node out of every channel it serves, Raft first: demoted to learner, then removed
     * from the configuration, before the caller stops and deletes it. Says what it did.
     */
    String leave(NodeRecord node, DeploymentSteps steps);
}
