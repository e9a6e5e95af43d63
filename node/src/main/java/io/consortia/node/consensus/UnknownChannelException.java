package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;

/** The request names a channel this node does not serve. */
public final class UnknownChannelException extends ChannelException {
    public UnknownChannelException(String channel) {
        super("channel '" + channel + "' does not exist on this node");
    }
}
