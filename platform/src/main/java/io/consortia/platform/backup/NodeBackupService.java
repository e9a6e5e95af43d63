package io.consortia.platform.backup;

import io.consortia.common.Poll;
import io.consortia.common.archive.TarGzReader;
import io.consortia.node.backup.BackupManifest;
import io.consortia.node.backup.NodeRestore;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeLifecycle;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.OwnerOnly;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import io.consortia.sdk.AdminClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Backs up a node into {@code <data-dir>/backups/nodes/<node>/} and restores a node from such a
 * backup. Both run as deployments (actions {@code BACKUP_NODE} and {@code RESTORE_NODE}) whose
 * steps are in the consortium's history. A backup is taken while the node runs (its ledger
 * checkpoints are consistent); a restore stops the node, swaps its channels' ledgers, starts it
 * and waits until it has caught up with the other nodes. A node whose files are not on this
 * machine (a cluster's) is sent the archive and swaps them itself as it restarts
 * ({@link StagedNodeRestore}).
 */
@Service
public class NodeBackupService {
    static final String BACKUP = "BACKUP_NODE";
    static final String RESTORE = "RESTORE_NODE";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    /** How long a restored node may take to reach the height the others had when it started again. */
    static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(15);

    private final NodeLifecycle lifecycle;
    private final NodeBackupRepository backups;
    private final NetworkClients clients;
    private final ConsortiumService consortia;
    private final ChannelService channels;
    private final Path directory;
    private final StagedNodeRestore staged;

    NodeBackupService(NodeLifecycle lifecycle, NodeBackupRepository backups, NetworkClients clients,
            ConsortiumService consortia, ChannelService channels, PlatformProperties properties) {
        this.lifecycle = lifecycle;
        this.backups = backups;
        this.clients = clients;
        this.consortia = consortia;
        this.channels = channels;
        this.staged = new StagedNodeRestore(clients);
        this.directory = properties.dataDir().toAbsolutePath().normalize().resolve("backups").resolve("nodes");
    }

    /** Takes a backup of every channel of the node (the leader or the node's organisation admin). */
    public Deployment backup(Caller caller, String nodeId) {
        NodeRecord node = lifecycle.node(nodeId);
        Consortium consortium = requireManager(caller, node, "back up");
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            throw PlatformException.conflict("A node is backed up while its network is RUNNING; it is "
                    + consortium.status());
        }
        return lifecycle.run(caller, node.consortiumId(), BACKUP, steps -> {
            Path dir = directory.resolve(node.nodeId());
            Path file = dir.resolve(node.nodeId() + "-" + STAMP.format(Instant.now()) + ".tar.gz");
            Path part = file.resolveSibling(file.getFileName() + ".part");
            String sha256 = steps.step(DeploymentTexts.TAKE_BACKUP.of(node.nodeId()), node.nodeId(), () -> {
                try {
                    OwnerOnly.createDirectories(dir);
                    String sha;
                    try (AdminClient admin = clients.admin(node); OutputStream out = OwnerOnly.newOutputStream(part)) {
                        sha = admin.backup(List.of(), out);
                    }
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                    OwnerOnly.writeString(file.resolveSibling(file.getFileName() + ".sha256"),
                            sha + "  " + file.getFileName() + "\n");
                    return sha;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the backup to " + dir + ": " + e.getMessage(), e);
                } finally {
                    deleteQuietly(part);
                }
            });
            BackupManifest manifest = steps.step(DeploymentTexts.CHECK_ARCHIVE.of(), node.nodeId(), () -> {
                BackupManifest m = manifestOf(file);
                if (!m.nodeId().equals(node.nodeId())) {
                    throw new IllegalStateException("The archive is of node " + m.nodeId() + ", not " + node.nodeId());
                }
                return m;
            });
            steps.step(DeploymentTexts.RECORD_BACKUP.of(), node.nodeId(), () -> {
                List<NodeBackupRecord.ChannelState> channels = manifest.channels().stream()
                        .map(c -> new NodeBackupRecord.ChannelState(c.name(), c.height(), c.lastBlockHash(),
                                c.appliedIndex())).toList();
                long size = size(file);
                long id = backups.insert(node.consortiumId(), node.nodeId(), file, size, sha256, channels,
                        caller.username());
                return "backup " + id + ": " + backups.byId(id).orElseThrow().heights() + "; " + size / 1024
                        + " KiB; SHA-256 " + sha256;
            });
        });
    }

    /**
     * Restores a node from one of its backups (the leader or the node's organisation admin): stop
     * it, replace its channels' ledgers, start it, wait until it caught up with the others. Refused
     * (409, nothing changed) unless the network is RUNNING, as a backup is.
     */
    public Deployment restore(Caller caller, String nodeId, long backupId) {
        NodeRecord node = lifecycle.node(nodeId);
        Consortium consortium = requireManager(caller, node, "restore");
        // a backup id that names nothing is 404, as every unknown id; one of another node is a wrong request
        NodeBackupRecord backup = backups.byId(backupId).orElseThrow(() -> PlatformException.notFound("Backup", backupId));
        if (!backup.nodeId().equals(nodeId)) {
            throw PlatformException.invalid("Backup " + backupId + " is not a backup of node " + nodeId + " (it is one"
                    + " of node " + backup.nodeId() + ")");
        }
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            // the restored node starts and catches up with its peers: stopped, they would keep it
            // waiting for CATCH_UP_TIMEOUT and the operation would fail after the ledgers were swapped
            throw PlatformException.conflict("A node is restored while its network is RUNNING (it catches up with "
                    + "the other nodes); the network of consortium " + consortium.id() + " is " + consortium.status()
                    + (consortium.status() == ConsortiumStatus.STOPPED
                            ? ": start the network first (the consortium leader: Start the network on the Overview "
                                    + "tab, or POST /api/v1/consortia/" + consortium.id() + "/network/start), "
                            : ": wait until it is RUNNING, ")
                    + "then restore node " + nodeId + " from backup " + backupId + "; nothing was changed");
        }
        if (!backup.available()) {
            throw PlatformException.conflict("The archive of backup " + backupId + " is no longer on disk");
        }
        java.util.Optional<Path> config = lifecycle.localConfig(node);
        Path file = backups.file(backupId).orElseThrow();
        return lifecycle.run(caller, node.consortiumId(), RESTORE, steps -> {
            if (config.isPresent()) {
                steps.stop(node);
                steps.step(DeploymentTexts.RESTORE.of(nodeId, backupId), nodeId, () -> {
                    NodeRestore.Result result = NodeRestore.restore(NodeConfigLoader.load(config.get()), file,
                            backup.sha256());
                    return "channels " + String.join(", ", result.manifest().channelNames())
                            + " at the backup's heights (" + backup.heights() + ")";
                });
                steps.start(node);
                steps.awaitServing(node);
            } else {
                // a cluster's node: the platform cannot reach its volume, the node itself can
                staged.restore(steps, node, backup, file);
            }
            Map<String, Long> target = othersHeights(node);
            steps.step(DeploymentTexts.AWAIT_CATCH_UP.of(nodeId), nodeId, () -> awaitCatchUp(node, target));
        });
    }

    /** The highest height of each channel among the node's peers (the restored node must reach it). */
    private Map<String, Long> othersHeights(NodeRecord node) {
        Map<String, Long> target = new HashMap<>();
        for (NodeRecord other : lifecycle.nodes(node.consortiumId())) {
            if (!other.nodeId().equals(node.nodeId())) {
                lifecycle.heights(other).forEach((channel, height) -> target.merge(channel, height, Math::max));
            }
        }
        return target;
    }

    private String awaitCatchUp(NodeRecord node, Map<String, Long> target) {
        return Poll.until(CATCH_UP_TIMEOUT, Duration.ofMillis(500), () -> {
            // only the channels the node serves: others of the consortium may have channels it is not in.
            // The node as it is now: the record taken when the restore was asked for may say it was not
            // running (stopped, crashed), and heights are only read from a running node
            Map<String, Long> now = lifecycle.heights(lifecycle.node(node.nodeId()));
            boolean caughtUp = !now.isEmpty() && now.entrySet().stream()
                    .allMatch(e -> e.getValue() >= target.getOrDefault(e.getKey(), 0L));
            return caughtUp ? "at " + now + " (the others were at " + target + ")" : null;
        }).orElseThrow(() -> new IllegalStateException("Node " + node.nodeId() + " did not reach " + target
                + " within " + CATCH_UP_TIMEOUT.toMinutes() + " minutes; it is at "
                + lifecycle.heights(lifecycle.node(node.nodeId()))));
    }

    public List<NodeBackupRecord> list(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return backups.ofConsortium(consortiumId);
    }

    /** The archive of a backup, for download (see {@link BackupPolicy#canDownload}). */
    public Path archive(Caller caller, long backupId) {
        NodeBackupRecord backup = backups.byId(backupId).orElseThrow(() -> PlatformException.notFound("Backup",
                backupId));
        NodeRecord node = lifecycle.node(backup.nodeId());
        Consortium consortium = requireManager(caller, node, "download a backup of");
        if (!mayDownload(caller, consortium, node, backup)) {
            throw PlatformException.forbidden("Backup " + backupId + " holds the ledgers of channels "
                    + backup.channels().stream().map(NodeBackupRecord.ChannelState::name).toList() + ", not all of"
                    + " which your organisation may read: only an admin of the node's organisation may download it");
        }
        Path file = backups.file(backupId).orElseThrow();
        if (!Files.isRegularFile(file)) {
            throw PlatformException.conflict("The archive of backup " + backupId + " is no longer on disk");
        }
        return file;
    }

    /** Whether the caller may download that backup of that node (the console's Download link). */
    public boolean mayDownload(Caller caller, Consortium consortium, NodeRecord node, NodeBackupRecord backup) {
        return BackupPolicy.canDownload(caller, consortium, node.organizationId(),
                backup.channels().stream().map(NodeBackupRecord.ChannelState::name).toList(),
                channels.ofConsortium(consortium.id()));
    }

    public NodeBackupRecord get(Caller caller, long backupId) {
        NodeBackupRecord backup = backups.byId(backupId).orElseThrow(() -> PlatformException.notFound("Backup",
                backupId));
        consortia.requireVisible(caller, backup.consortiumId());
        return backup;
    }

    private Consortium requireManager(Caller caller, NodeRecord node, String what) {
        Consortium consortium = consortia.requireNodeVisible(caller, node.consortiumId(), node.nodeId());
        if (!BackupPolicy.canManageNode(caller, consortium, node.organizationId())) {
            throw PlatformException.forbidden("Only the consortium leader or the node's organisation admin may "
                    + what + " node " + node.nodeId());
        }
        return consortium;
    }

    static BackupManifest manifestOf(Path archive) {
        try {
            return BackupManifest.parse(TarGzReader.read(archive, BackupManifest.FILE, 1 << 20)
                    .orElseThrow(() -> new IOException("it holds no " + BackupManifest.FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("The archive " + archive.getFileName() + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part is harmless and named for what it is
        }
    }
}
