package io.consortia.platform.channel;

import java.util.List;

/** Published (synchronously) before a consortium's channels are deleted: followers must let go. */
public record ChannelsRemoving(List<Long> channelIds) {}
