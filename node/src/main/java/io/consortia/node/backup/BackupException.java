package io.consortia.node.backup;

import io.consortia.node.NodeException;

/** A backup could not be written, or an archive cannot be restored; a failed restore changed nothing. */
public final class BackupException extends NodeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
