package io.consortia.node.consensus;

import io.consortia.node.NodeException;

/**
 * Joining a channel needs a checkpoint of its ledger from a peer, and none could be had (peers
 * down, unreachable or refusing). Nothing was stored; the join may be tried again. Answered as
 * gRPC UNAVAILABLE: the request is right, the moment is not.
 */
public final class JoinUnavailableException extends NodeException {
    public JoinUnavailableException(String message) {
        super(message);
    }
}
