package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;

/** A channel configuration is wrong; the message lists every problem and nothing was created. */
public final class InvalidChannelConfigException extends ChannelException {
    InvalidChannelConfigException(String message) {
        super(message);
    }
}
