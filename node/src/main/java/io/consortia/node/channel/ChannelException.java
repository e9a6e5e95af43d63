package io.consortia.node.channel;

import io.consortia.node.NodeException;

/** A channel is unknown, not ready, or cannot be created or joined; the message says which and why. */
public class ChannelException extends NodeException {
    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
