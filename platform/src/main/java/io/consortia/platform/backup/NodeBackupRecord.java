package io.consortia.platform.backup;

import java.util.List;

/**
 * A node backup the platform keeps.
 *
 * @param channels what each channel's checkpoint holds
 * @param available whether the archive is still on disk
 */
public record NodeBackupRecord(long id, long consortiumId, String nodeId, long sizeBytes, String sha256,
        List<ChannelState> channels, String createdBy, long createdAt, boolean available) {

    /** @param lastBlockHash hex of the last block in the checkpoint */
    public record ChannelState(String name, long height, String lastBlockHash, long appliedIndex) {}

    /** "main 1034, audit 12", for lists and step details. */
    public String heights() {
        return String.join(", ", channels.stream().map(c -> c.name() + " " + c.height()).toList());
    }
}
