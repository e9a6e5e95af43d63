package io.consortia.platform.channel;

/** Published when a channel serves on all its peers: the explorer starts following it. */
public record ChannelActivated(long channelId) {}
