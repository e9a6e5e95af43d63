package io.consortia.node.backup;

import io.consortia.common.archive.TarGzWriter;
import io.consortia.node.channel.ChannelException;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.util.MoreFiles;
import io.consortia.protocol.v1.ChannelConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a backup of some of this node's channels as a tar.gz:
 * <pre>
 * manifest.json                       see {@link BackupManifest}
 * channels/NAME/channel.pb            the channel's stored configuration
 * channels/NAME/ledger/...            a RocksDB checkpoint of its ledger
 * </pre>
 * A checkpoint is consistent: every block is written with its state and Raft position in one
 * batch, so the copy is the ledger as of one applied entry. Checkpoints are hard links taken
 * while the node keeps committing; only archiving copies bytes.
 */
public final class NodeBackup {
    private static final Logger LOG = LoggerFactory.getLogger(NodeBackup.class);
    public static final String VERSION = "0.1.0";
    static final String CONFIG_FILE = "channel.pb";

    private final NodeConfig config;
    private final ChannelManager channels;

    public NodeBackup(NodeConfig config, ChannelManager channels) {
        this.config = config;
        this.channels = channels;
    }

    /**
     * Archives the named channels (all when {@code requested} is empty) into {@code out}, which it
     * closes. Unknown channels are refused before anything is written.
     */
    public BackupManifest write(List<String> requested, OutputStream out) {
        List<ChannelRuntime> selected = select(requested);
        long created = System.currentTimeMillis();
        Path work = config.dataDir().resolve("tmp").resolve("backup-" + UUID.randomUUID());
        try {
            List<BackupManifest.ChannelEntry> entries = new ArrayList<>();
            for (ChannelRuntime runtime : selected) {
                Path dir = Files.createDirectories(work.resolve(runtime.name()));
                Path stored = config.channelsDir().resolve(runtime.name()).resolve(CONFIG_FILE);
                Files.copy(stored, dir.resolve(CONFIG_FILE));
                runtime.checkpoint(dir.resolve("ledger"));
                ChannelConfig channel = ChannelConfig.parseFrom(Files.readAllBytes(dir.resolve(CONFIG_FILE)));
                entries.add(LedgerFacts.read(dir.resolve("ledger"), channel));
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, config.nodeId(), config.organization(),
                    VERSION, created, entries);
            try (TarGzWriter tar = new TarGzWriter(out)) {
                tar.add(BackupManifest.FILE, manifest.toJson());
                for (BackupManifest.ChannelEntry entry : entries) {
                    Path dir = work.resolve(entry.name());
                    tar.add("channels/" + entry.name() + "/" + CONFIG_FILE, dir.resolve(CONFIG_FILE));
                    tar.addTree("channels/" + entry.name() + "/ledger", dir.resolve("ledger"));
                }
            }
            entries.forEach(e -> LOG.info("backup of channel {} at height {} (applied index {}) written", e.name(),
                    e.height(), e.appliedIndex()));
            return manifest;
        } catch (IOException e) {
            throw new BackupException("backup failed: " + e.getMessage(), e);
        } finally {
            try {
                MoreFiles.deleteRecursively(work);
            } catch (IOException e) {
                LOG.warn("cannot remove the backup's scratch directory {}: {} (removed at the next start)", work,
                        e.getMessage());
            }
        }
    }

    private List<ChannelRuntime> select(List<String> requested) {
        List<ChannelRuntime> selected = requested.isEmpty()
                ? channels.all().stream().sorted(Comparator.comparing(ChannelRuntime::name)).toList()
                : new LinkedHashSet<>(requested).stream().map(channels::require).toList();
        if (selected.isEmpty()) {
            throw new ChannelException("node " + config.nodeId() + " serves no channel: there is nothing to back up");
        }
        return selected;
    }
}
