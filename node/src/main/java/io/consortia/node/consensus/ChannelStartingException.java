package io.consortia.node.consensus;

import io.consortia.node.NodeException;

/**
 * The channel is being joined: its ledger is installed but its Raft member is still starting.
 * Answered as gRPC UNAVAILABLE (ask again in a moment). The channel's leader reads this answer
 * as "not ready to be added to the Raft group" (see MembershipReconciler).
 */
public final class ChannelStartingException extends NodeException {
    public ChannelStartingException(String channel) {
        super("channel '" + channel + "' is being joined on this node: its Raft member is still starting");
    }
}
