package io.consortia.platform.deploy;

/**
 * What a deployment needs from the channels of the network it runs: the channel feature sits
 * above this one (a channel is created on nodes) and implements it, so deployments depend on
 * this small question rather than on the channel service.
 */
public interface NetworkChannels {

    /** Creates the network's first channel with every member organisation; returns once it serves. */
    void createFirst(long consortiumId, String name);

    /** Waits until every peer of every active channel knows its channel's leader; says how many there are. */
    String awaitLeaders(long consortiumId);

    /** Whether the consortium has channels recorded. */
    boolean exist(long consortiumId);

    /** Forgets every channel of the consortium (its network is being deleted). */
    void forgetAll(long consortiumId);
}
