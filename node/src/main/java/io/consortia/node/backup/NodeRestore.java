package io.consortia.node.backup;

import io.consortia.common.archive.TarGzReader;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.consensus.RaftNode;
import io.consortia.node.util.MoreFiles;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Restores channels of a stopped node from a {@link NodeBackup} archive. Everything is checked
 * first — the SHA-256, the manifest (this node, this organisation, a known format), every
 * channel's configuration and ledger (it opens and is at the height and hash the manifest
 * says) — in a scratch directory; only then are the channels' directories swapped, and their
 * Raft storage removed. Without its Raft storage the node starts the channel's group afresh from
 * the restored ledger's applied index, like a node that installed a checkpoint: the leader sends
 * it the log from there, or tells it to fetch a checkpoint when that part of the log is purged.
 * Channels not in the archive are left alone. Any failure leaves the data directory as it was.
 * The checks also run on their own, on a running node ({@link #check}), for {@link RestoreStage}.
 */
public final class NodeRestore {
    /** Raft (Ratis) locks each group's storage with this file while the group runs. */
    private static final String RAFT_LOCK = "in_use.lock";
    private static final long MAX_EXPANDED_BYTES = 1L << 40;

    /**
     * Left in each restored channel's directory ({@link ChannelManager#RESTORED_MARK}). A restored
     * node's Raft storage is new, but the leader still remembers how far this node's log went
     * before (Raft assumes acknowledged entries are never lost) and would probe it there for
     * ever; so on its next start the node installs a peer's checkpoint, which is at least that
     * far, before the channel's group starts. When no peer gives one (the whole network was
     * restored), the backup's ledger is where the channel starts, and Raft elects from what the
     * nodes have.
     */
    private static final String RESTORED_MARK = ChannelManager.RESTORED_MARK;

    private NodeRestore() {}

    /** What was restored. */
    public record Result(BackupManifest manifest, String sha256) {}

    /**
     * @param expectedSha256 hex; when null, the first word of {@code <archive>.sha256} (as
     *     {@code sha256sum} writes it) is used, and without either the restore is refused
     */
    public static Result restore(NodeConfig config, Path archive, String expectedSha256) {
        String actual = requireChecksum(archive, expectedSha256);
        try (Extracted extracted = extractAndCheck(config, archive, MAX_EXPANDED_BYTES)) {
            requireStopped(config);
            requireLedgersClosed(config, extracted.manifest());
            swap(config, extracted.manifest(), extracted.dir());
            return new Result(extracted.manifest(), actual);
        }
    }

    /**
     * The checks of {@link #restore} but the checksum (the caller computed it as the archive
     * arrived), without changing anything: a running node checks an archive before it keeps it.
     *
     * @param maxExpandedBytes the archive is refused when it expands beyond this
     */
    static BackupManifest check(NodeConfig config, Path archive, long maxExpandedBytes) {
        try (Extracted extracted = extractAndCheck(config, archive, maxExpandedBytes)) {
            return extracted.manifest();
        }
    }

    private static String requireChecksum(Path archive, String given) {
        if (!Files.isRegularFile(archive)) {
            throw new BackupException("there is no archive at " + archive);
        }
        String expected = expectedChecksum(archive, given);
        String actual = sha256(archive);
        if (!actual.equals(expected)) {
            throw new BackupException("the archive's SHA-256 is " + actual + ", not " + expected
                    + ": it is damaged or not the backup that was meant; nothing was changed");
        }
        return actual;
    }

    /** An archive extracted under the node's tmp/ and checked; closing it removes the copy. */
    private record Extracted(Path work, Path dir, BackupManifest manifest) implements AutoCloseable {
        @Override
        public void close() {
            try {
                MoreFiles.deleteRecursively(work);
            } catch (IOException e) {
                // under tmp/: the node removes it when it starts
            }
        }
    }

    private static Extracted extractAndCheck(NodeConfig config, Path archive, long maxExpandedBytes) {
        Path work = config.dataDir().resolve("tmp").resolve("restore-" + UUID.randomUUID());
        Path extracted = work.resolve("archive");
        try {
            try {
                TarGzReader.extract(archive, extracted, maxExpandedBytes);
            } catch (IOException e) {
                throw new BackupException("the archive cannot be read: " + e.getMessage() + "; nothing was changed", e);
            }
            return new Extracted(work, extracted, checkExtracted(config, extracted));
        } catch (RuntimeException e) {
            new Extracted(work, extracted, null).close();
            throw e;
        }
    }

    private static String expectedChecksum(Path archive, String given) {
        String expected = given;
        if (expected == null || expected.isBlank()) {
            Path sidecar = archive.resolveSibling(archive.getFileName() + ".sha256");
            if (!Files.isRegularFile(sidecar)) {
                throw new BackupException("give the archive's SHA-256 (--sha256 HEX, as the backup reported it)"
                        + " or put it in " + sidecar);
            }
            try {
                String[] words = Files.readString(sidecar).trim().split("\\s+");
                expected = words.length == 0 ? "" : words[0];
            } catch (IOException e) {
                throw new BackupException("cannot read " + sidecar + ": " + e.getMessage(), e);
            }
        }
        return normalizedSha256(expected);
    }

    /** The SHA-256 in lower case, refused unless it is 64 hexadecimal digits. */
    static String normalizedSha256(String hex) {
        String expected = hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT);
        if (!expected.matches("[0-9a-f]{64}")) {
            throw new BackupException("the expected SHA-256 must be 64 hexadecimal digits");
        }
        return expected;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new BackupException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BackupManifest checkExtracted(NodeConfig config, Path extracted) {
        Path manifestFile = extracted.resolve(BackupManifest.FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BackupException("the archive is not a node backup: it has no " + BackupManifest.FILE);
        }
        BackupManifest manifest;
        try {
            manifest = BackupManifest.parse(Files.readAllBytes(manifestFile));
        } catch (IOException e) {
            throw new BackupException("cannot read the manifest: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != BackupManifest.FORMAT) {
            throw new BackupException("the backup has format " + manifest.formatVersion() + "; this node reads format "
                    + BackupManifest.FORMAT);
        }
        if (!manifest.nodeId().equals(config.nodeId())) {
            throw new BackupException("the backup is of node " + manifest.nodeId() + ", not of " + config.nodeId()
                    + ": a node is restored only from its own backup (its Raft identity is its node id)");
        }
        if (!manifest.organization().equals(config.organization())) {
            throw new BackupException("the backup is of organisation " + manifest.organization() + ", not of "
                    + config.organization());
        }
        if (manifest.channels().isEmpty()) {
            throw new BackupException("the backup holds no channel");
        }
        Set<String> listed = Set.copyOf(manifest.channelNames());
        Set<String> present = channelDirs(extracted);
        if (!present.equals(listed) || listed.size() != manifest.channels().size()) {
            throw new BackupException("the archive's channels " + present + " are not the manifest's "
                    + manifest.channelNames());
        }
        for (BackupManifest.ChannelEntry entry : manifest.channels()) {
            checkChannel(config, extracted.resolve("channels").resolve(entry.name()), entry);
        }
        return manifest;
    }

    private static Set<String> channelDirs(Path extracted) {
        Path channels = extracted.resolve("channels");
        if (!Files.isDirectory(channels)) {
            return Set.of();
        }
        try (var list = Files.list(channels)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new BackupException("cannot list the archive's channels: " + e.getMessage(), e);
        }
    }

    private static void checkChannel(NodeConfig config, Path dir, BackupManifest.ChannelEntry entry) {
        ChannelConfig channel;
        try {
            channel = ChannelConfig.parseFrom(Files.readAllBytes(dir.resolve(NodeBackup.CONFIG_FILE)));
        } catch (IOException e) {
            throw new BackupException("channel " + entry.name() + ": its configuration in the archive is not readable: "
                    + e.getMessage(), e);
        }
        if (!channel.getName().equals(entry.name())) {
            throw new BackupException("channel " + entry.name() + ": its configuration names channel "
                    + channel.getName());
        }
        if (!Files.isDirectory(dir.resolve("ledger"))) {
            throw new BackupException("channel " + entry.name() + ": the archive holds no ledger");
        }
        LedgerFacts.Facts facts = LedgerFacts.inspect(dir.resolve("ledger"), channel);
        // the stored configuration (the genesis, or the one a node joined with) or the one in force at that height
        if (!isPeer(channel, config.nodeId()) && !isPeer(facts.configInForce(), config.nodeId())) {
            throw new BackupException("channel " + entry.name() + ": this node is not one of its peers");
        }
        BackupManifest.ChannelEntry found = facts.entry();
        if (found.height() != entry.height() || !found.lastBlockHash().equals(entry.lastBlockHash())
                || found.appliedIndex() != entry.appliedIndex()) {
            throw new BackupException("channel " + entry.name() + ": the ledger in the archive is at height "
                    + found.height() + " (applied index " + found.appliedIndex() + "), the manifest says "
                    + entry.height() + " (applied index " + entry.appliedIndex() + ")");
        }
    }

    private static boolean isPeer(ChannelConfig channel, String nodeId) {
        return channel.getPeersList().stream().map(Peer::getNodeId).anyMatch(nodeId::equals);
    }

    /** A running node holds the lock of each of its Raft groups' storage. */
    private static void requireStopped(NodeConfig config) {
        Path raft = config.raftDir();
        if (!Files.isDirectory(raft)) {
            return;
        }
        try (var groups = Files.list(raft)) {
            for (Path group : groups.filter(Files::isDirectory).toList()) {
                Path lock = group.resolve(RAFT_LOCK);
                if (Files.isRegularFile(lock) && isLocked(lock)) {
                    throw new BackupException("node " + config.nodeId() + " is running (its Raft storage " + group
                            + " is in use): stop it before restoring");
                }
            }
        } catch (IOException e) {
            throw new BackupException("cannot inspect " + raft + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLocked(Path lock) throws IOException {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM: a node running in the same process
        }
    }

    /** RocksDB refuses to open a ledger another process (or this one) has open. */
    private static void requireLedgersClosed(NodeConfig config, BackupManifest manifest) {
        for (String name : manifest.channelNames()) {
            Path ledger = config.channelsDir().resolve(name).resolve("ledger");
            if (!Files.exists(ledger.resolve("CURRENT"))) {
                continue;
            }
            try {
                io.consortia.node.storage.RocksDbKeyValueStorage.open(ledger,
                        io.consortia.node.ledger.ChannelLedger.COLUMNS).close();
            } catch (RuntimeException e) {
                throw new BackupException("the ledger of channel " + name + " is in use or damaged (" + e.getMessage()
                        + "): stop the node before restoring");
            }
        }
    }

    /**
     * Moves the current channel directories and Raft storage aside, the restored ones in, and on
     * any failure moves everything back in reverse order.
     */
    private static void swap(NodeConfig config, BackupManifest manifest, Path extracted) {
        Deque<Path[]> moved = new ArrayDeque<>(); // {from, to}, undone in reverse
        // not under tmp/, which the node empties when it starts: if putting things back failed, this is what is left
        Path aside = config.dataDir().resolve("restore-previous-" + UUID.randomUUID());
        try {
            Files.createDirectories(config.channelsDir());
            Files.createDirectories(aside);
            for (String name : manifest.channelNames()) {
                Path current = config.channelsDir().resolve(name);
                if (Files.exists(current)) {
                    move(current, aside.resolve("channel-" + name), moved);
                }
                String group = RaftNode.groupId(name).getUuid().toString();
                for (Path raftGroup : List.of(config.raftDir().resolve(group),
                        config.raftDir().resolve(group + ".unusable-channel"))) {
                    if (Files.exists(raftGroup)) {
                        move(raftGroup, aside.resolve("raft-" + raftGroup.getFileName()), moved);
                    }
                }
                Files.writeString(extracted.resolve("channels").resolve(name).resolve(RESTORED_MARK),
                        "restored from the backup of " + manifest.createdMillis() + "\n");
                move(extracted.resolve("channels").resolve(name), current, moved);
            }
        } catch (IOException | RuntimeException e) {
            if (!undo(moved)) {
                throw new BackupException("restoring failed (" + e.getMessage() + ") and the node's previous files"
                        + " could not all be put back: they are in " + aside, e);
            }
            deleteQuietly(aside);
            throw new BackupException("restoring failed (" + e.getMessage() + "); the node's files were put back as"
                    + " they were", e);
        }
        deleteQuietly(aside);
    }

    private static void deleteQuietly(Path dir) {
        try {
            MoreFiles.deleteRecursively(dir);
        } catch (IOException e) {
            // only the replaced files of a finished restore: harmless, and named for what they are
        }
    }

    private static void move(Path from, Path to, Deque<Path[]> moved) throws IOException {
        Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        moved.push(new Path[] {from, to});
    }

    private static boolean undo(Deque<Path[]> moved) {
        boolean all = true;
        while (!moved.isEmpty()) {
            Path[] m = moved.pop();
            try {
                Files.move(m[1], m[0], java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                all = false; // keep undoing the rest
            }
        }
        return all;
    }

}
