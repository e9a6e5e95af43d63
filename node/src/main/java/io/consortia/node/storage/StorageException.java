package io.consortia.node.storage;

import io.consortia.node.NodeException;

/**
 * The storage failed (disk full, corruption, closed store, unknown column). The node cannot
 * continue applying blocks safely after this; the operator should look at the disk and the
 * node log, then restart the node (it replays the Raft log from the last applied index).
 */
public class StorageException extends NodeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
