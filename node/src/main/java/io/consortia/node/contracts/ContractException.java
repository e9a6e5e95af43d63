package io.consortia.node.contracts;

import io.consortia.node.NodeException;

/**
 * A contract refused a call (bad arguments, not the owner, already exists...). The message is
 * meant for the caller, recorded in the block as the reason of a {@code CONTRACT_REJECTED}
 * transaction: say what was wrong and what would be accepted.
 */
public class ContractException extends NodeException {
    public ContractException(String message) {
        super(message);
    }
}
