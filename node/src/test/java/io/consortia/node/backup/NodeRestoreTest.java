package io.consortia.node.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.common.archive.TarGzWriter;
import io.consortia.crypto.Hashes;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.consensus.RaftNode;
import io.consortia.node.ledger.ChannelLedger;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores on a data directory with real RocksDB ledgers; every refusal leaves it as it was. */
class NodeRestoreTest {
    @TempDir
    Path tmp;
    private NodeConfig config;
    private final ChannelConfig channel = ChannelConfig.newBuilder().setName("main")
            .setScheme(SignatureScheme.ECDSA_P256_SHA256).setCreatedMillis(1_700_000_000_000L)
            .addPeers(Peer.newBuilder().setNodeId("n1").setApiAddress("127.0.0.1:1").setRaftAddress("127.0.0.1:2"))
            .build();

    @BeforeEach
    void node() throws IOException {
        NodeConfig layout = NodeConfig.standardLayout("n1", "org1", "127.0.0.1", 1, 2, 3);
        config = new NodeConfig(layout.nodeId(), layout.organization(), tmp.resolve("node/data"), layout.identity(),
                layout.tls(), layout.api(), layout.raft(), layout.metrics(), layout.batching(), layout.limits());
        Path main = Files.createDirectories(config.channelsDir().resolve("main"));
        Files.writeString(main.resolve("before-restore"), "the node's current ledger");
        Files.writeString(Files.createDirectories(config.channelsDir().resolve("other")).resolve("channel.pb"), "x");
        Files.writeString(Files.createDirectories(config.raftDir().resolve(RaftNode.groupId("main").getUuid().toString()))
                .resolve("raft-meta"), "term 7");
    }

    @Test
    void a_good_archive_replaces_the_channel_and_drops_its_raft_storage() throws IOException {
        Path archive = archive("n1", "org1", 0);
        NodeRestore.Result result = NodeRestore.restore(config, archive, sha256(archive));

        assertThat(result.manifest().channelNames()).containsExactly("main");
        Path main = config.channelsDir().resolve("main");
        assertThat(main.resolve("before-restore")).doesNotExist();
        assertThat(main.resolve("channel.pb")).exists();
        assertThat(main.resolve(ChannelManager.RESTORED_MARK)).exists();
        assertThat(config.raftDir().resolve(RaftNode.groupId("main").getUuid().toString())).doesNotExist();
        assertThat(config.channelsDir().resolve("other/channel.pb")).exists();
        try (ChannelLedger ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(main.resolve("ledger"),
                ChannelLedger.COLUMNS), channel)) {
            assertThat(ledger.height()).isEqualTo(1);
        }
        assertThat(Files.list(config.dataDir()).map(p -> p.getFileName().toString()).toList())
                .doesNotContain("restore-previous");
    }

    @Test
    void the_checksum_comes_from_the_sidecar_file_when_not_given() throws IOException {
        Path archive = archive("n1", "org1", 0);
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"), sha256(archive) + "  x\n");
        NodeRestore.restore(config, archive, null);
        assertThat(config.channelsDir().resolve("main/before-restore")).doesNotExist();
    }

    @Test
    void refusals_change_nothing() throws IOException {
        Map<String, Long> before = files(config.dataDir());
        Path good = archive("n1", "org1", 0);

        assertThatThrownBy(() -> NodeRestore.restore(config, good, "00".repeat(32)))
                .isInstanceOf(BackupException.class).hasMessageContaining("SHA-256").hasMessageContaining("nothing");
        assertThatThrownBy(() -> NodeRestore.restore(config, good, null))
                .isInstanceOf(BackupException.class).hasMessageContaining("--sha256");
        assertThatThrownBy(() -> NodeRestore.restore(config, good, "not hex"))
                .isInstanceOf(BackupException.class).hasMessageContaining("64 hexadecimal");
        Path otherNode = archive("n2", "org1", 0);
        assertThatThrownBy(() -> NodeRestore.restore(config, otherNode, sha256(otherNode)))
                .isInstanceOf(BackupException.class).hasMessageContaining("is of node n2");
        Path otherOrg = archive("n1", "org9", 0);
        assertThatThrownBy(() -> NodeRestore.restore(config, otherOrg, sha256(otherOrg)))
                .isInstanceOf(BackupException.class).hasMessageContaining("organisation org9");
        Path lying = archive("n1", "org1", 5);
        assertThatThrownBy(() -> NodeRestore.restore(config, lying, sha256(lying)))
                .isInstanceOf(BackupException.class).hasMessageContaining("the manifest says");
        Path notAnArchive = Files.writeString(tmp.resolve("plain.txt"), "hello");
        assertThatThrownBy(() -> NodeRestore.restore(config, notAnArchive, sha256(notAnArchive)))
                .isInstanceOf(BackupException.class).hasMessageContaining("cannot be read");

        assertThat(files(config.dataDir())).isEqualTo(before);
    }

    /** An archive as NodeBackup writes it, of a genesis-only ledger; {@code heightLie} skews the manifest. */
    private Path archive(String nodeId, String organization, long heightLie) throws IOException {
        Path work = Files.createTempDirectory(tmp, "src");
        Path ledgerDir = work.resolve("ledger");
        BackupManifest.ChannelEntry entry;
        try (ChannelLedger ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(ledgerDir, ChannelLedger.COLUMNS),
                channel)) {
            entry = new BackupManifest.ChannelEntry("main", ledger.height() + heightLie, Hashes.hex(ledger.currentHash()),
                    0, ledger.appliedTerm(), ledger.appliedIndex(), 1);
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, nodeId, organization, "test", 1L,
                List.of(entry));
        Path archive = tmp.resolve(nodeId + "-" + organization + "-" + heightLie + ".tar.gz");
        try (TarGzWriter tar = new TarGzWriter(Files.newOutputStream(archive))) {
            tar.add(BackupManifest.FILE, manifest.toJson());
            tar.add("channels/main/channel.pb", channel.toByteArray());
            tar.addTree("channels/main/ledger", ledgerDir);
        }
        return archive;
    }

    private static String sha256(Path file) throws IOException {
        return Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(file)));
    }

    private static Map<String, Long> files(Path root) throws IOException {
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
