package io.consortia.platform.channel;

import java.util.List;

/**
 * A channel of a consortium.
 *
 * @param status CREATING, ACTIVE or FAILED (reason says why)
 */
public record ChannelRecord(long id, long consortiumId, String name, String status, String reason,
        List<Long> organizationIds, long createdAt) {}
