package io.consortia.node.backup;

import io.consortia.common.archive.TarGzWriter;
import io.consortia.crypto.Hashes;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.RaftNode;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.ledger.TestBlocks;
import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.SignatureScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node n1 of org1 with a data directory holding channel "main" (and "other"), and archives of
 * "main" as {@link NodeBackup} writes them, with real RocksDB ledgers.
 */
final class BackupFixture {
    static final ChannelConfig CHANNEL = ChannelConfig.newBuilder().setName("main")
            .setScheme(SignatureScheme.ECDSA_P256_SHA256).setCreatedMillis(1_700_000_000_000L)
            .addPeers(Peer.newBuilder().setNodeId("n1").setApiAddress("127.0.0.1:1").setRaftAddress("127.0.0.1:2"))
            .build();

    private final Path tmp;
    final NodeConfig config;

    BackupFixture(Path tmp) throws IOException {
        this.tmp = tmp;
        NodeConfig layout = NodeConfig.standardLayout("n1", "org1", "127.0.0.1", 1, 2, 3);
        config = new NodeConfig(layout.nodeId(), layout.organization(), tmp.resolve("node/data"), layout.identity(),
                layout.tls(), layout.api(), layout.raft(), layout.metrics(), layout.batching(), layout.limits());
        Path main = Files.createDirectories(config.channelsDir().resolve("main"));
        Files.writeString(main.resolve("before-restore"), "the node's current ledger");
        Files.writeString(Files.createDirectories(config.channelsDir().resolve("other")).resolve("channel.pb"), "x");
        Files.writeString(Files.createDirectories(config.raftDir().resolve(RaftNode.groupId("main").getUuid().toString()))
                .resolve("raft-meta"), "term 7");
    }

    /** An archive of a genesis-only ledger; {@code heightLie} skews the manifest. */
    Path archive(String nodeId, String organization, long heightLie) throws IOException {
        return archive(nodeId, organization, heightLie, 0);
    }

    /** An archive of a ledger with {@code blocks} blocks after the genesis, at Raft index {@code blocks}. */
    Path archive(String nodeId, String organization, long heightLie, int blocks) throws IOException {
        Path work = Files.createTempDirectory(tmp, "src");
        Path ledgerDir = work.resolve("ledger");
        BackupManifest.ChannelEntry entry;
        try (ChannelLedger ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(ledgerDir, ChannelLedger.COLUMNS),
                CHANNEL)) {
            for (int i = 1; i <= blocks; i++) {
                TestBlocks.next(ledger).tx("tx-" + i).commit(1, i);
            }
            entry = new BackupManifest.ChannelEntry("main", ledger.height() + heightLie, Hashes.hex(ledger.currentHash()),
                    ledger.transactionCount(), ledger.appliedTerm(), ledger.appliedIndex(), 1);
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, nodeId, organization, "test", 1L,
                List.of(entry));
        Path archive = tmp.resolve(nodeId + "-" + organization + "-" + heightLie + "-" + blocks + ".tar.gz");
        try (TarGzWriter tar = new TarGzWriter(Files.newOutputStream(archive))) {
            tar.add(BackupManifest.FILE, manifest.toJson());
            tar.add("channels/main/channel.pb", CHANNEL.toByteArray());
            tar.addTree("channels/main/ledger", ledgerDir);
        }
        return archive;
    }

    /** The height of channel main's ledger in the data directory. */
    long mainHeight() {
        try (ChannelLedger ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(
                config.channelsDir().resolve("main/ledger"), ChannelLedger.COLUMNS), CHANNEL)) {
            return ledger.height();
        }
    }

    static String sha256(Path file) throws IOException {
        return Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(file)));
    }

    /** Every file and directory under {@code root} but tmp/, with its size (-1 for a directory). */
    static Map<String, Long> files(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (!root.relativize(p).toString().startsWith("tmp")) {
                    files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) : -1);
                }
            }
        }
        return files;
    }
}
