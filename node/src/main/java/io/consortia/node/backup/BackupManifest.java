package io.consortia.node.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;

/**
 * What a node backup holds ({@code manifest.json} in the archive): whose node, when, and per
 * channel the state its checkpoint is at. Read by the restore to check the archive and by the
 * platform to list backups.
 *
 * @param formatVersion {@link #FORMAT}; a restore refuses other versions
 * @param createdMillis when the checkpoints were taken
 */
public record BackupManifest(int formatVersion, String nodeId, String organization, String nodeVersion,
                             long createdMillis, List<ChannelEntry> channels) {
    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public BackupManifest {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * One channel's checkpoint.
     *
     * @param height blocks in the checkpoint, genesis included
     * @param lastBlockHash hex of block {@code height - 1}
     * @param appliedTerm Raft term of the last entry the checkpoint includes
     * @param appliedIndex Raft index of the last entry the checkpoint includes
     * @param configVersion version of the channel configuration the ledger reports
     */
    public record ChannelEntry(String name, long height, String lastBlockHash, long transactionCount,
                               long appliedTerm, long appliedIndex, long configVersion) {}

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new BackupException("cannot write the backup manifest: " + e.getMessage(), e);
        }
    }

    public static BackupManifest parse(byte[] json) {
        try {
            BackupManifest m = JSON.readValue(json, BackupManifest.class);
            if (m.nodeId() == null || m.organization() == null) {
                throw new BackupException("the backup manifest names no node or organisation");
            }
            return m;
        } catch (IOException e) {
            throw new BackupException("the backup manifest is not readable: " + e.getMessage(), e);
        }
    }

    public List<String> channelNames() {
        return channels.stream().map(ChannelEntry::name).toList();
    }
}
