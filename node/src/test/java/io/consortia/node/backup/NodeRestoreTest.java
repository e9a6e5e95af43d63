package io.consortia.node.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.consensus.RaftNode;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.protocol.v1.ChannelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores on a data directory with real RocksDB ledgers; every refusal leaves it as it was. */
class NodeRestoreTest {
    @TempDir
    Path tmp;
    private BackupFixture fixture;
    private NodeConfig config;
    private final ChannelConfig channel = BackupFixture.CHANNEL;

    @BeforeEach
    void node() throws IOException {
        fixture = new BackupFixture(tmp);
        config = fixture.config;
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

    private Path archive(String nodeId, String organization, long heightLie) throws IOException {
        return fixture.archive(nodeId, organization, heightLie);
    }

    private static String sha256(Path file) throws IOException {
        return BackupFixture.sha256(file);
    }

    private static Map<String, Long> files(Path root) throws IOException {
        return BackupFixture.files(root);
    }
}
