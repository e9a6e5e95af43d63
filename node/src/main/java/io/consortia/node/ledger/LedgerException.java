package io.consortia.node.ledger;

import io.consortia.node.NodeException;

/**
 * The ledger refused an operation: a block that does not extend the chain (wrong number or
 * previous hash), a ledger opened with another channel's config, or corrupt stored data.
 * On the apply path this means this node diverged from the log; stop applying and let an
 * operator compare the node with its peers (or reinstall it from a peer's snapshot).
 */
public class LedgerException extends NodeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
